/**
 * The shared 429 back-off of one teamspace: a pure pace policy, a success window, a bounded wait queue and the gate
 * that coordinates them under one lock. Depends on nothing of Camel or HttpClient (only on {@code internal.time}); why
 * its numbers are what they are is in {@code docs/rate-limiting.md}.
 */
package dev.camelproto.component.proto.internal.ratelimit;
