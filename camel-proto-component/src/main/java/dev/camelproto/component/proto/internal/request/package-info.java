/**
 * Exchange to request: the operation table, the header and body rules, path encoding and the upsert plan. No I/O,
 * no threads; everything here is validated before anything is sent.
 */
package dev.camelproto.component.proto.internal.request;
