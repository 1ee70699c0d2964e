/**
 * One attempt on the wire: the pooled HttpClient 5 async client, its size-limited response consumer, the masked
 * Authorization header, and the reading of its failures as sent or not sent.
 */
package dev.camelproto.component.proto.internal.transport;
