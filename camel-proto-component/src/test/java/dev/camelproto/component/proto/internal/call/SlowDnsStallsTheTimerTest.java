package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.junit.jupiter.api.Test;

/**
 * HttpClient resolves host names synchronously on the thread that calls execute() when a connection slot is free
 * (MultihomeIOSessionRequester.connect -> DnsResolver.resolve). A retry, and every release from the 429 gate, calls
 * execute() on the runtime's one timer thread, the thread of the sweep that enforces every callTimeout. One slow DNS
 * lookup (a resolver timing out: 5 s per server by default) then delays the answer of every call of the component,
 * to any host. The slow resolver is installed through httpClientConfigurer only to stand in for a slow system resolver.
 */
class SlowDnsStallsTheTimerTest {

    @Test
    void aSlowLookupOnARetryDoesNotDelayOtherCallsTimeouts() throws Exception {
        ProtoApiStub stub = new ProtoApiStub();
        stub.reply(200, "{\"id\":\"C1\"}").hold();
        AtomicInteger slowLookups = new AtomicInteger();
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (host.equals("slowhost")) {
                    if (slowLookups.incrementAndGet() > 1) {
                        try {
                            Thread.sleep(3_000); // a resolver timing out
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    throw new UnknownHostException(host);
                }
                return SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
        CamelContext context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        proto.setHttpClientConfigurer(b -> b.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setMaxConnPerRoute(1)
                .setMaxConnTotal(4)
                .build()));
        context.addComponent("proto", proto);
        context.getShutdownStrategy().setTimeout(1);
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            // H takes the stub's only connection (the stub holds its answer)
            CompletableFuture<Exchange> held = template.asyncSend(
                    "proto:customer/get?callTimeout=20000",
                    e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "h"));
            while (stub.requests().isEmpty()) {
                Thread.sleep(10);
            }
            // S: first lookup fails at once, its retry (on the timer thread) meets the slow lookup
            CompletableFuture<Exchange> slow = template.asyncSend(
                    "proto:customer/get?baseUrl=http://slowhost:1/api"
                            + "&allowInsecureHttp=true&maxRetries=1&retryDelay=1&callTimeout=20000",
                    e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "s"));
            while (slowLookups.get() < 2) {
                Thread.sleep(5);
            }
            // A waits for the stub's pooled connection: only the sweep ends it at its callTimeout
            long t0 = System.nanoTime();
            CompletableFuture<Exchange> a = template.asyncSend(
                    "proto:customer/get?callTimeout=500",
                    e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "a"));
            Exchange out = a.get(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(out.getException()).isInstanceOf(ProtoCallTimeoutException.class);
            assertThat(ms)
                    .as("A's callTimeout is 500 ms; it was answered after %d ms", ms)
                    .isLessThan(1_200);
            slow.get(10, TimeUnit.SECONDS);
            stub.open();
            held.get(10, TimeUnit.SECONDS);
        } finally {
            stub.open();
            context.stop();
            stub.close();
        }
    }
}
