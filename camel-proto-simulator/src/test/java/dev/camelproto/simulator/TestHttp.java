package dev.camelproto.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny java.net.http client for the tests. */
final class TestHttp {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final String baseUrl;
    final String secret;
    final HttpClient client;

    TestHttp(String baseUrl, String secret) {
        this(baseUrl, secret, CLIENT);
    }

    TestHttp(String baseUrl, String secret, HttpClient client) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.client = client;
    }

    static TestHttp of(ProtoSimulator sim) {
        return new TestHttp(sim.baseUrl(), sim.secret());
    }

    TestHttp withSecret(String other) {
        return new TestHttp(baseUrl, other, client);
    }

    /** Percent-encodes one path segment (everything but RFC 3986 unreserved characters). */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    record Res(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Res get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Res put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json);
    }

    Res post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    Res delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    Res send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (secret != null) {
            b.header("Authorization", "Bearer " + secret);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.body(), r);
    }

    static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
