package io.salesactivitysync.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bare SMTP client for tests: it sends the bytes it is given exactly as they are (dot-stuffed,
 * nothing else), so malformed messages reach the mail server malformed. Jakarta Mail would parse
 * and write them again.
 */
final class Smtp {

    private Smtp() {
    }

    static void send(String host, int port, String envelopeFrom, List<String> recipients, byte[] raw) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO test.example", "250");
            command(out, in, "MAIL FROM:<" + envelopeFrom + ">", "250");
            for (String recipient : recipients) {
                command(out, in, "RCPT TO:<" + recipient + ">", "250");
            }
            command(out, in, "DATA", "354");
            out.write(dotStuffed(raw));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static byte[] dotStuffed(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        text = text.replaceAll("(?m)^\\.", "..");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void command(OutputStream out, BufferedReader in, String command, String expected) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("SMTP server closed the connection, expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("SMTP server answered \"" + line + "\", expected " + code);
        }
    }
}
