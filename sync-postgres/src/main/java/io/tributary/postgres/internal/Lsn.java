package io.tributary.postgres.internal;

/** PostgreSQL log sequence numbers in their {@code X/Y} text form. */
public final class Lsn {

  private Lsn() {
  }

  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
  }

  /** Parses {@code 16/B374D848}; throws {@link IllegalArgumentException} naming the expected form. */
  public static long parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("not a PostgreSQL LSN: '" + text + "' (expected hex 'X/Y', e.g. 0/16B3748)");
    }
    try {
      long high = Long.parseLong(text.substring(0, slash).trim(), 16);
      long low = Long.parseLong(text.substring(slash + 1).trim(), 16);
      if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL || high < 0 || low < 0) {
        throw new NumberFormatException("out of range");
      }
      return (high << 32) | low;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a PostgreSQL LSN: '" + text + "' (expected hex 'X/Y', e.g. 0/16B3748)",
          e);
    }
  }
}
