package dev.camelproto.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** {@code POST /support-requests} → Proto customer upsert → Proto ticket. */
@SpringBootApplication
public class SupportRequestsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SupportRequestsApplication.class, args);
    }
}
