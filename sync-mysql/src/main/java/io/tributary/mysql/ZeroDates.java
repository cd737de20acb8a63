package io.tributary.mysql;

/**
 * How MySQL/MariaDB zero dates are read: {@code 0000-00-00}, zero-in-date values such as {@code 2024-00-10} or
 * {@code 2024-01-00}, and a zero DATETIME/TIMESTAMP ({@code 0000-00-00 00:00:00}). None is a calendar date, so no
 * target date type holds one. Applied identically to snapshot reads and binlog rows.
 */
public enum ZeroDates {
  /**
   * The default, exact: a row holding one stops its table ({@code VALUE_NOT_REPRESENTABLE}, the column and the fix
   * named; other tables go on). Correct the value, then {@code resync(table)}.
   */
  REFUSE,
  /**
   * Documented lossy mapping: a zero date reads as SQL NULL, so the target cannot tell it from a NULL (and a NOT
   * NULL source column arrives with nulls).
   */
  NULL
}
