package dev.camelproto.examples.springboot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The JSON body of {@code POST /support-requests}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SupportRequest(String customerId, String name, String email, String message) {

    /** @throws IllegalArgumentException naming the first missing field */
    public SupportRequest validate() {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customerId is required");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message is required");
        }
        return this;
    }
}
