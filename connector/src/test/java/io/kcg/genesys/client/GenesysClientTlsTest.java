package io.kcg.genesys.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kcg.genesys.parse.Rows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS is verified: a server whose certificate the JVM does not trust (self-signed, on 127.0.0.1) gets no request
 * from the client, and the failure is permanent and says why, instead of being retried as a network error. The
 * certificate is made with the JDK's keytool.
 */
class GenesysClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    static HttpsServer server;
    static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("self-signed.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "genesys", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool: " + output);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"access_token\":\"t\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void anUntrustedCertificateIsAPermanentClearFailureAndNoRequestIsSent() throws IOException {
        String base = "https://127.0.0.1:" + server.getAddress().getPort();
        GenesysClientSimulatorTest.RecordingSleeper sleeper = new GenesysClientSimulatorTest.RecordingSleeper();
        GenesysClientConfig config = GenesysClientConfig.builder().apiBase(base).clientId("tls-client")
                .clientSecret("tls-secret").maxRetries(3).sleeper(sleeper).build();
        try (GenesysClient client = new GenesysClient(config)) {
            GenesysClientException e = assertThrows(GenesysClientException.class,
                    () -> client.queryAggregatesWith("conversations", "{\"metrics\":[\"nOffered\"]}", Rows.ROWS));
            assertFalse(e instanceof GenesysRetriableException, "a certificate failure is not retried: " + e);
            assertEquals(List.of(), sleeper.sleeps, "no retry, no back-off");
            String message = e.getMessage();
            assertTrue(message.contains(base), message);
            assertTrue(message.contains("certificate"), message);
            assertTrue(message.contains("truststore"), message);
            assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, e.getCause(), "cause kept for the logs");
            assertFalse(message.contains("tls-secret"), message);
        }
        assertEquals(0, requests.get(), "the client sent nothing to a server it does not trust");
    }
}
