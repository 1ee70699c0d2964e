/**
 * ticket/create exactly once: {@link dev.camelproto.component.proto.internal.once.TicketOnce} derives and scopes the
 * key, claims it in the user's {@link org.apache.camel.spi.IdempotentRepository} before the request, and decides from
 * the call's {@link dev.camelproto.component.proto.internal.call.CallResult} whether the key is confirmed (a 2xx),
 * released (Proto definitely did not create the ticket) or kept (the outcome is unknown).
 */
package dev.camelproto.component.proto.internal.once;
