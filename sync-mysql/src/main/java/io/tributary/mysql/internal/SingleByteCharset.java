package io.tributary.mysql.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A MySQL single-byte character set decoded by the server's own table, for the sets Java lacks (armscii8, dec8,
 * geostd8, hp8, keybcs2, macce, swe7) or decodes differently in some bytes (cp1250's 0x81, tis620's 0x80, hebrew's
 * undefined bytes, which MySQL reads as '?'...). Binlog cells carry the column's raw bytes; the snapshot gets the
 * server's conversion, so both must use the server's table.
 *
 * <p>The tables ({@code single-byte-charsets.txt}) were dumped from MySQL 8.0.31 with
 * {@code SELECT CONVERT(CONVERT(X'nn' USING cs) USING utf8mb4)} for each byte; the matrix's {@code mysql_charsets}
 * family checks them against the server.
 */
final class SingleByteCharset extends Charset {

  private static final Map<String, char[]> TABLES = load();

  private final char[] table;
  private final Map<Character, Byte> reverse = new HashMap<>();

  private SingleByteCharset(String mysqlName, char[] table) {
    super("x-mysql-" + mysqlName, null);
    this.table = table;
    for (int b = 255; b >= 0; b--) {
      reverse.put(table[b], (byte) b);
    }
  }

  /** The server's decoding of {@code mysqlName}, or null when Java's charset of that name decodes as MySQL does. */
  static Charset of(String mysqlName) {
    char[] table = TABLES.get(mysqlName.toLowerCase(Locale.ROOT));
    return table == null ? null : new SingleByteCharset(mysqlName.toLowerCase(Locale.ROOT), table);
  }

  private static Map<String, char[]> load() {
    Map<String, char[]> out = new HashMap<>();
    try (InputStream in = SingleByteCharset.class.getResourceAsStream("single-byte-charsets.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        char[] table = new char[256];
        for (int b = 0; b < 256; b++) {
          table[b] = (char) Integer.parseInt(f[b + 1], 16);
        }
        out.put(f[0], table);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }

  @Override
  public boolean contains(Charset cs) {
    return cs == this;
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new CharsetDecoder(this, 1, 1) {
      @Override
      protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
        while (in.hasRemaining()) {
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          out.put(table[in.get() & 0xFF]);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }

  @Override
  public CharsetEncoder newEncoder() {
    return new CharsetEncoder(this, 1, 1, new byte[] {'?'}) {
      @Override
      protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
        while (in.hasRemaining()) {
          char c = in.get(in.position());
          Byte b = reverse.get(c);
          if (b == null) {
            return CoderResult.unmappableForLength(1);
          }
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          in.get();
          out.put(b);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }
}
