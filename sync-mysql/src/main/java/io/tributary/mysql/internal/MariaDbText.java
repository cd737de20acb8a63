package io.tributary.mysql.internal;

/**
 * The text forms MariaDB gives its fixed-binary types (INET4, INET6, UUID), computed from the bytes the binlog
 * carries, so a logged value equals the snapshot's {@code SELECT} of it character for character.
 *
 * <p>The binlog packs these columns like {@code BINARY(n)}: trailing zero bytes are dropped, so a short value is
 * padded back first.
 */
final class MariaDbText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private MariaDbText() {
  }

  /** INET4: a dotted quad of the 4 big-endian bytes. */
  static String inet4(byte[] raw) {
    byte[] b = padded(raw, 4);
    return dotted(b, 0);
  }

  /**
   * INET6, as MariaDB prints it: lower-case hex words without leading zeros; the first longest run of zero words
   * (even a single one) as {@code ::}; an IPv4-compatible ({@code ::a.b.c.d}, six zero words) or IPv4-mapped
   * ({@code ::ffff:a.b.c.d}) address with its last 32 bits dotted.
   */
  static String inet6(byte[] raw) {
    byte[] b = padded(raw, 16);
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
    }
    int gapPos = -1;
    int gapLen = 0;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && words[i] == 0) {
        i++;
      }
      if (i - start > gapLen) { // strictly longer: the first of equal runs wins
        gapPos = start;
        gapLen = i - start;
      }
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == gapPos) {
        sb.append(i == 0 ? "::" : ":");
        i += gapLen - 1;
      } else if (i == 6 && gapPos == 0 && (gapLen == 6 || (gapLen == 5 && words[5] == 0xFFFF))) {
        return sb.append(dotted(b, 12)).toString();
      } else {
        sb.append(Integer.toHexString(words[i]));
        if (i != 7) {
          sb.append(':');
        }
      }
    }
    return sb.toString();
  }

  /**
   * UUID, as MariaDB prints it. MariaDB stores an RFC 4122 UUID of versions 1-5 with its segments reordered (node,
   * clock sequence, time high, time mid, time low) so time-based values sort by time, and any other value as is;
   * the record tells which by the swapped version and variant bytes (the server's own test, bit for bit).
   */
  static String uuid(byte[] raw) {
    byte[] r = padded(raw, 16);
    byte[] m;
    if ((r[6] & -r[8] & 0x80) != 0) {
      m = new byte[16];
      System.arraycopy(r, 12, m, 0, 4); // time low
      System.arraycopy(r, 10, m, 4, 2); // time mid
      System.arraycopy(r, 8, m, 6, 2);  // version + time high
      System.arraycopy(r, 6, m, 8, 2);  // variant + clock sequence
      System.arraycopy(r, 0, m, 10, 6); // node
    } else {
      m = r;
    }
    StringBuilder sb = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        sb.append('-');
      }
      sb.append(HEX[(m[i] >> 4) & 0xF]).append(HEX[m[i] & 0xF]);
    }
    return sb.toString();
  }

  private static String dotted(byte[] b, int from) {
    return (b[from] & 0xFF) + "." + (b[from + 1] & 0xFF) + "." + (b[from + 2] & 0xFF) + "." + (b[from + 3] & 0xFF);
  }

  private static byte[] padded(byte[] raw, int length) {
    if (raw.length == length) {
      return raw;
    }
    if (raw.length > length) {
      throw new IllegalArgumentException("a " + length + "-byte value has " + raw.length + " bytes in the binlog");
    }
    return java.util.Arrays.copyOf(raw, length);
  }
}
