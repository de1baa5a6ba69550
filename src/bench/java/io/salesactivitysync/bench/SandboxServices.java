package io.salesactivitysync.bench;

import java.util.concurrent.CountDownLatch;

/**
 * The Salesforce emulator and the mail server as a process of their own, without the product
 * (DESIGN.md, "The sandbox"): start it, then start the product (the jar, or
 * {@code mvn spring-boot:run}) with the arguments it prints, and kill and restart the product
 * while "Salesforce" and the mailbox go on. The org is kept in memory for as long as this process runs.
 *
 * <pre>mvn -Psandbox-services verify</pre>
 */
public final class SandboxServices {

    private SandboxServices() {
    }

    public static void main(String[] args) throws InterruptedException {
        BenchServices services = new BenchServices("greenmail");
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "sandbox-services-stop"));
        System.out.println("""

                ====================================================================================================
                The sandbox's Salesforce emulator and mail server are running (Ctrl-C stops them).
                  Salesforce emulator  %s   (admin: %s/sandbox/admin, token bench-admin)
                Start the product against them, from the repository root, e.g.:
                  SAS_API_TOKEN=<a token of yours> java -jar %s \\
                    %s
                ====================================================================================================
                """.formatted(services.baseUrl(), services.baseUrl(), ProductProcess.jarName(),
                String.join(" \\\n    ", services.productArguments())));
        new CountDownLatch(1).await();
    }
}
