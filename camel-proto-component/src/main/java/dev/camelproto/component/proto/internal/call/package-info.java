/**
 * One exchange from start to callback: the retry loop of a call (attempt, decide, schedule), its deadline, the
 * completion hand-off, and the runtime that owns the client, the timers, the completion threads and the teamspaces.
 */
package dev.camelproto.component.proto.internal.call;
