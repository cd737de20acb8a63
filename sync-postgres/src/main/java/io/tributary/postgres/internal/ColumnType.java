package io.tributary.postgres.internal;

import io.tributary.sync.event.DataType;

/**
 * A column's PostgreSQL type resolved to the logical type and the codec of its values.
 *
 * @param castName     qualified type name for {@code CAST(? AS ...)} of bound values
 * @param dataType     logical type (nullable; the caller sets nullability)
 * @param codec        how text values decode
 * @param elementCodec for arrays, how elements render in JSON; else null
 */
public record ColumnType(String castName, DataType dataType, Codec codec, Codec elementCodec) {
}
