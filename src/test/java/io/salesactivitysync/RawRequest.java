package io.salesactivitysync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests java.net.http refuses to send (encoded NUL in a path,
 * CONNECT, a declared body far larger than what is sent) and to see the answer before a body is
 * finished. The request text is sent as ISO-8859-1 bytes, then the answer read until the server
 * closes the connection.
 */
public final class RawRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawRequest() {
    }

    /** The answer: status, the header block as text (lower-case names), and the body. */
    public record Answer(int status, String headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    public static Answer send(int port, String head) {
        return send(port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0], 0);
    }

    /**
     * Sends the head, then the body, then {@code extraZeros} zero bytes in chunks until the
     * server stops reading (a body the server refuses to read whole), then reads the answer.
     */
    public static Answer send(int port, byte[] head, byte[] body, long extraZeros) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            byte[] zeros = new byte[64 * 1024];
            try {
                for (long sent = 0; sent < extraZeros; sent += zeros.length) {
                    out.write(zeros, 0, (int) Math.min(zeros.length, extraZeros - sent));
                }
                out.flush();
            } catch (SocketException e) {
                // the server answered and closed without reading the rest: read what it said
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
                if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketException e) {
            // a reset after the answer: keep what arrived
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP answer: " + text);
        }
        String headers = text.substring(0, end);
        String body = text.substring(end + 4);
        if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        int status = Integer.parseInt(headers.substring(9, 12));
        return new Answer(status, headers, body);
    }

    /** Whether the answer is all there, so a kept-alive connection need not be waited out. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String headers = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        if (headers.contains("transfer-encoding: chunked")) {
            return body.endsWith("0\r\n\r\n");
        }
        for (String line : headers.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return body.length() >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
