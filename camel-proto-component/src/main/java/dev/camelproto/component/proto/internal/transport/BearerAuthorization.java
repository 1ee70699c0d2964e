package dev.camelproto.component.proto.internal.transport;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * The {@code Authorization: Bearer <secret>} header. It writes the secret on the wire but prints masked, so HttpClient's
 * DEBUG header log ({@code org.apache.hc.client5.http.headers}) and any toString() never reveal it.
 */
final class BearerAuthorization implements Header {

    private final String value;

    BearerAuthorization(String secret) {
        this.value = "Bearer " + secret;
    }

    @Override
    public String getName() {
        return HttpHeaders.AUTHORIZATION;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public boolean isSensitive() {
        return true;
    }

    @Override
    public String toString() {
        return HttpHeaders.AUTHORIZATION + ": Bearer ******";
    }
}
