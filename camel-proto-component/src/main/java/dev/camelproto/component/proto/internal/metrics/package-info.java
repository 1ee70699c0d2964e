/**
 * The call counters (JMX, dev console) and the optional Micrometer binding, behind one observer seam that must never
 * stand between a finished call and its callback.
 */
package dev.camelproto.component.proto.internal.metrics;
