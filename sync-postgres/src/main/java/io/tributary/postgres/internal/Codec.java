package io.tributary.postgres.internal;

/** How a column's PostgreSQL text value becomes the Java value {@link io.tributary.sync.event.DataType} names. */
public enum Codec {
  INT2, INT4, INT8, DECIMAL, FLOAT4, FLOAT8, BOOL, TEXT, BYTEA, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, ARRAY,
  /** Numbers in arrays: unquoted in JSON. */
  NUMBER_TEXT
}
