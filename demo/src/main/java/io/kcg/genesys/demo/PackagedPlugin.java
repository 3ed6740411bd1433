package io.kcg.genesys.demo;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The connector as `mvn package` ships it: {@code connector/target/plugins/kafka-connect-genesys/lib/*.jar}. The
 * worker loads it from there through plugin.path; the demo also asks it, in a class loader of its own, which hosts a
 * Genesys region has, so the demo and the connector never disagree about them.
 */
final class PackagedPlugin {
    static final String CONNECTOR_CLASS = "io.kcg.genesys.source.GenesysAggregatesSourceConnector";
    private static final String REGION_CLASS = "io.kcg.genesys.client.GenesysRegion";

    private final Path pluginPath;
    private final List<Path> jars;

    private PackagedPlugin(Path pluginPath, List<Path> jars) {
        this.pluginPath = pluginPath;
        this.jars = jars;
    }

    static PackagedPlugin find(Path pluginPath) {
        Path lib = pluginPath.resolve("kafka-connect-genesys").resolve("lib");
        List<Path> jars = List.of();
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                jars = List.of();
            }
        }
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("kafka-connect-genesys-"))) {
            throw new DemoException(DemoException.ENVIRONMENT, "the packaged connector is not in " + lib + ": build it "
                    + "with `mvn -q -DskipTests package` (./demo.sh does that on its first run, or with --rebuild)");
        }
        return new PackagedPlugin(pluginPath, jars);
    }

    Path pluginPath() {
        return pluginPath;
    }

    /** The API and login base URLs of a region name or host, as the connector derives them. */
    URI[] regionBases(String region) {
        try (URLClassLoader loader = new URLClassLoader(urls(), PackagedPlugin.class.getClassLoader())) {
            Class<?> type = Class.forName(REGION_CLASS, true, loader);
            Object value = type.getMethod("fromName", String.class).invoke(null, region);
            return new URI[] {(URI) type.getMethod("apiBase").invoke(value),
                (URI) type.getMethod("loginBase").invoke(value)};
        } catch (InvocationTargetException e) {
            throw new DemoException(DemoException.USAGE, "GENESYS_REGION '" + region + "': "
                    + e.getCause().getMessage());
        } catch (ReflectiveOperationException | IOException e) {
            throw new DemoException(DemoException.ENVIRONMENT, "cannot read the regions of the packaged connector in "
                    + pluginPath + ": " + e);
        }
    }

    /** The login base URL for an explicit API base URL (api.X becomes login.X, else the same base). */
    URI loginBaseFor(URI apiBase) {
        try (URLClassLoader loader = new URLClassLoader(urls(), PackagedPlugin.class.getClassLoader())) {
            Class<?> type = Class.forName(REGION_CLASS, true, loader);
            return (URI) type.getMethod("loginBaseFor", URI.class).invoke(null, apiBase);
        } catch (InvocationTargetException e) {
            throw new DemoException(DemoException.USAGE, "GENESYS_API_URL '" + apiBase + "': "
                    + e.getCause().getMessage());
        } catch (ReflectiveOperationException | IOException e) {
            throw new DemoException(DemoException.ENVIRONMENT, "cannot read the packaged connector in "
                    + pluginPath + ": " + e);
        }
    }

    private URL[] urls() {
        return jars.stream().map(PackagedPlugin::url).toArray(URL[]::new);
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
