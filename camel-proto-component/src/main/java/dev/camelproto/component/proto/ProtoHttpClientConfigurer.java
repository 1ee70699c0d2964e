package dev.camelproto.component.proto;

import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;

/**
 * Customises the Apache HttpClient 5 async client that a {@link ProtoComponent} creates (proxy, interceptors, metrics),
 * after the component applied its own settings. Bind one in the registry and refer to it with
 * {@code httpClientConfigurer=#myConfigurer}.
 */
@FunctionalInterface
public interface ProtoHttpClientConfigurer {

    void configure(HttpAsyncClientBuilder builder);
}
