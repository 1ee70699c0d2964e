package dev.camelproto.component.proto.internal;

/** One HTTP call to make: the operation, the method, the path below the base URL and the JSON body (or null). */
public record ProtoRequest(ProtoOperation operation, String method, String path, byte[] body) {
}
