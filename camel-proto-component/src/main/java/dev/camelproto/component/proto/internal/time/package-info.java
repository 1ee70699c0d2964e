/**
 * Time and timers behind one seam ({@link dev.camelproto.component.proto.internal.time.Clock}), so that the call's
 * and the gate's timers are tested on fake time. Depends on nothing of Camel or HttpClient.
 */
package dev.camelproto.component.proto.internal.time;
