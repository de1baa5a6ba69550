package io.salesactivitysync.sandbox.salesforce.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway RSA key pair and self-signed certificate for the JWT bearer flow, made with the
 * JDK's keytool at test time so that no private key is ever committed.
 */
public record TestKeystore(Path keystore, String password, String certificatePem) {

    public static TestKeystore generate(Path directory) throws IOException, InterruptedException {
        Path keystore = directory.resolve("jwt-test.p12");
        String password = "test-only-" + System.nanoTime();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "jwt", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=sales-activity-sync test", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", password, "-keypass", password));
        Path certificate = directory.resolve("jwt-test.crt");
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "jwt", "-keystore", keystore.toString(),
                "-storepass", password, "-file", certificate.toString()));
        return new TestKeystore(keystore, password, Files.readString(certificate));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
