/**
 * The shared 429 back-off of one teamspace: a pure pace policy, a success window, a bounded wait queue and the gate
 * that coordinates them under one lock. Depends on nothing of Camel or HttpClient; the tuning story is in docs.
 */
package dev.camelproto.component.proto.internal.ratelimit;
