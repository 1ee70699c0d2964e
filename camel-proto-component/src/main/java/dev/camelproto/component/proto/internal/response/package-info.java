/**
 * Answer to exchange: puts a call's final result (body, headers, or the typed exception) on the Camel exchange.
 */
package dev.camelproto.component.proto.internal.response;
