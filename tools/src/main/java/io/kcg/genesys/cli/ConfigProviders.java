package io.kcg.genesys.cli;

import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Resolves {@code ${provider:path:key}} placeholders in a connector config the way a Connect worker does, with
 * Kafka's own {@link ConfigTransformer} and config providers: the providers a worker config declares
 * ({@code config.providers}, {@code config.providers.<name>.class}, {@code config.providers.<name>.param.*}), or,
 * without a worker config, Kafka's three under their usual names: {@code file}, {@code directory} and {@code env}.
 * A placeholder left unresolved is an error naming its key, so a placeholder is never sent as a secret.
 */
final class ConfigProviders implements Closeable {
    private static final String PROVIDERS = "config.providers";

    private final Map<String, ConfigProvider> providers;

    private ConfigProviders(Map<String, ConfigProvider> providers) {
        this.providers = providers;
    }

    /** Kafka's file, directory and env providers, unconfigured (as a worker that lists them without params). */
    static ConfigProviders defaults() {
        return defaults(EnvVarConfigProvider::new);
    }

    /** The defaults, with the env provider from {@code env} (tests give it their own environment). */
    static ConfigProviders defaults(Supplier<EnvVarConfigProvider> env) {
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        providers.put("file", configured(new FileConfigProvider(), Map.of()));
        providers.put("directory", configured(new DirectoryConfigProvider(), Map.of()));
        providers.put("env", configured(env.get(), Map.of()));
        return new ConfigProviders(providers);
    }

    /** The providers a worker's properties file declares, configured with their params, as the worker does. */
    static ConfigProviders ofWorker(Path workerProperties) throws IOException {
        Properties worker = new Properties();
        try (InputStream in = Files.newInputStream(workerProperties)) {
            worker.load(in);
        }
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        for (String name : worker.getProperty(PROVIDERS, "").split(",")) {
            name = name.trim();
            if (name.isEmpty()) {
                continue;
            }
            String className = worker.getProperty(PROVIDERS + "." + name + ".class");
            if (className == null) {
                throw new IllegalArgumentException(workerProperties + " lists config provider '" + name + "' in "
                        + PROVIDERS + " but has no " + PROVIDERS + "." + name + ".class");
            }
            String paramPrefix = PROVIDERS + "." + name + ".param.";
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : worker.stringPropertyNames()) {
                if (key.startsWith(paramPrefix)) {
                    params.put(key.substring(paramPrefix.length()), worker.getProperty(key));
                }
            }
            providers.put(name, configured(instantiate(name, className), params));
        }
        return new ConfigProviders(providers);
    }

    /** Loads a provider class by name, as the worker loads plugins named in its config. */
    private static ConfigProvider instantiate(String name, String className) {
        try {
            Class<?> type = Class.forName(className);
            if (!ConfigProvider.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("config provider '" + name + "': " + className
                        + " is not a ConfigProvider");
            }
            return (ConfigProvider) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("config provider '" + name + "': class " + className + " is not in "
                    + "this tool (it carries Kafka's file, directory and env providers); resolve that placeholder "
                    + "by hand in a copy of the config", e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalArgumentException("config provider '" + name + "': cannot create " + className + ": "
                    + cause, cause);
        }
    }

    private static ConfigProvider configured(ConfigProvider provider, Map<String, String> params) {
        provider.configure(params);
        return provider;
    }

    /** The config with every placeholder resolved; throws naming the key of one that is not. */
    Map<String, String> resolve(Map<String, String> config) {
        ConfigTransformerResult result = new ConfigTransformer(providers).transform(config);
        Map<String, String> resolved = new LinkedHashMap<>(result.data());
        for (Map.Entry<String, String> entry : resolved.entrySet()) {
            String value = entry.getValue();
            if (value != null && ConfigTransformer.DEFAULT_PATTERN.matcher(value).find()) {
                throw new IllegalArgumentException("'" + entry.getKey() + "' has a placeholder that does not "
                        + "resolve: " + unresolved(config.get(entry.getKey())) + " (providers: " + providers.keySet()
                        + "; a file's key or an environment variable is missing, or the provider is not declared)");
            }
        }
        return resolved;
    }

    /** The placeholders of a value, without the text around them (which might be a secret's part). */
    private static String unresolved(String value) {
        StringBuilder placeholders = new StringBuilder();
        Matcher m = ConfigTransformer.DEFAULT_PATTERN.matcher(value);
        while (m.find()) {
            placeholders.append(placeholders.length() == 0 ? "" : ", ").append(m.group());
        }
        return placeholders.toString();
    }

    @Override
    public void close() {
        for (ConfigProvider provider : providers.values()) {
            try {
                provider.close();
            } catch (IOException e) {
                // nothing to do about a provider that cannot close in a tool that is about to exit
            }
        }
    }
}
