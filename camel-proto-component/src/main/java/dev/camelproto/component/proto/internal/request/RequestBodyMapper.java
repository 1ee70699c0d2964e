package dev.camelproto.component.proto.internal.request;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns an exchange's body and headers into the JSON object an operation sends, validating it on the way. */
@FunctionalInterface
public interface RequestBodyMapper {

    ObjectNode map(RequestInput input);
}
