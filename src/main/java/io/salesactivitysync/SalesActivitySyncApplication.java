package io.salesactivitysync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SalesActivitySyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(SalesActivitySyncApplication.class, args);
    }
}
