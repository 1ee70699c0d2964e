/**
 * customer/upsert as one exchange: its steps (create, then tags and custom fields as needed) sent one after another
 * under one callTimeout, their answers merged into one customer. Above the call and the response mapping.
 */
package dev.camelproto.component.proto.internal.upsert;
