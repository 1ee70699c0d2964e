package dev.camelproto.component.proto.internal.request;

/**
 * What an endpoint's options say about its requests, where a header does not: the values the request side reads from
 * the configuration, and nothing else (so this package does not depend on the Camel surface).
 *
 * @param subcompanyId      the teamspace id (the {@code {subcompany_id}} path value)
 * @param providedUniqueId  the endpoint's default customer id, or null
 * @param customFieldId     the endpoint's default custom field id, or null
 * @param method            {@code proto:raw}'s default method, or null
 * @param path              {@code proto:raw}'s default path, or null
 * @param createIfNotExists the default of customer/addTags' and addCustomFields' {@code create_if_not_exists}
 */
public record RequestDefaults(
        String subcompanyId,
        String providedUniqueId,
        String customFieldId,
        String method,
        String path,
        boolean createIfNotExists) {}
