/**
 * The retry rules as pure functions: what a call does after one attempt, and how long it waits. Depends on nothing
 * of Camel or HttpClient.
 */
package dev.camelproto.component.proto.internal.retry;
