package io.kcg.genesys.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what HTTP client libraries hide: the status line as sent (with its reason
 * phrase) and header names exactly as spelled on the wire.
 */
final class RawHttp {

    /** The status line, the header names in order as sent, and the values by name. */
    record Answer(String statusLine, List<String> names, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** A header's value by its exact name, or null. */
        String header(String exactName) {
            return headers.get(exactName);
        }
    }

    private RawHttp() {
    }

    static Answer post(GenesysSimulator sim, String path, String token, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + sim.port() + "\r\n"
            + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        List<String> names = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            names.add(name);
            headers.put(name, lines[i].substring(colon + 1).trim());
        }
        return new Answer(lines[0], names, headers, text.substring(end + 4));
    }
}
