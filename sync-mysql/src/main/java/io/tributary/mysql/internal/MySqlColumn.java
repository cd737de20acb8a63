package io.tributary.mysql.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * A column with the MySQL facts needed to decode its values, which the logical {@link DataType} does not carry.
 *
 * @param name      column name
 * @param type      logical type, the one reported in table schemas
 * @param family    how values are decoded
 * @param unsigned  whether an integer column is UNSIGNED
 * @param length    declared length (CHAR/BINARY/BIT width), 0 when not relevant
 * @param charset   Java charset for text columns, null for binary ones
 * @param members   ENUM/SET members in declaration order, empty otherwise
 */
public record MySqlColumn(String name, DataType type, Family family, boolean unsigned, int length, Charset charset,
    List<String> members) {

  /** Decoding families, one per MySQL storage representation. */
  public enum Family {
    TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT, DECIMAL, DECIMAL_AS_STRING, FLOAT, DOUBLE, BIT, CHAR, TEXT,
    BINARY, BLOB, ENUM, SET, DATE, TIME, DATETIME, TIMESTAMP, YEAR, JSON, GEOMETRY,
    /** MariaDB's fixed-binary types, decoded to the server's text form. */
    INET4, INET6, UUID
  }

  public MySqlColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(family, "family");
    members = List.copyOf(members);
  }

  public Column column() {
    return Column.of(name, type);
  }

  public MySqlColumn renamed(String newName) {
    return new MySqlColumn(newName, type, family, unsigned, length, charset, members);
  }

  public MySqlColumn withNullable(boolean nullable) {
    return new MySqlColumn(name, type.withNullable(nullable), family, unsigned, length, charset, members);
  }
}
