package io.tributary.mysql.internal;

import io.tributary.mysql.internal.MySqlColumn.Family;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps MySQL column type text ({@code information_schema.COLUMNS.COLUMN_TYPE} or a DDL column definition, e.g.
 * {@code int(10) unsigned}, {@code enum('a','b')}) to a {@link MySqlColumn}. The same mapping serves discovery and
 * DDL tracking, so a column added mid-stream gets exactly the type discovery would give it.
 *
 * <p>Choices: unsigned integers widen (TINYINT UNSIGNED to SMALLINT, SMALLINT UNSIGNED and MEDIUMINT to INT,
 * INT UNSIGNED to BIGINT, BIGINT UNSIGNED to DECIMAL(20,0)); YEAR is SMALLINT; BIT(1) is BOOLEAN and BIT(n) is
 * BINARY((n+7)/8), big-endian; ENUM and SET are strings (SET members joined by commas); DECIMAL wider than 38 digits
 * is a string; GEOMETRY types are bytes in MySQL's internal format (SRID + WKB); DATETIME is TIMESTAMP (wall
 * clock), TIMESTAMP is TIMESTAMP_LTZ (an instant); TEXT types are unbounded strings; MariaDB's JSON is LONGTEXT and
 * so a string, MySQL's JSON is JSON; MariaDB's INET4, INET6 and UUID are strings in the server's text form.
 */
public final class ColumnTypes {

  private static final Map<String, String> CHARSETS = Map.ofEntries(
      Map.entry("utf8mb4", "UTF-8"), Map.entry("utf8", "UTF-8"), Map.entry("utf8mb3", "UTF-8"),
      Map.entry("latin1", "windows-1252"), Map.entry("ascii", "US-ASCII"), Map.entry("ucs2", "UTF-16BE"),
      Map.entry("utf16", "UTF-16BE"), Map.entry("utf16le", "UTF-16LE"), Map.entry("utf32", "UTF-32"),
      Map.entry("cp932", "windows-31j"), Map.entry("sjis", "Shift_JIS"), Map.entry("ujis", "EUC-JP"),
      Map.entry("eucjpms", "EUC-JP"), Map.entry("euckr", "EUC-KR"), Map.entry("big5", "Big5"),
      Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"), Map.entry("gb18030", "GB18030"),
      Map.entry("latin2", "ISO-8859-2"), Map.entry("greek", "ISO-8859-7"), Map.entry("hebrew", "ISO-8859-8"),
      Map.entry("latin5", "ISO-8859-9"), Map.entry("latin7", "ISO-8859-13"), Map.entry("koi8r", "KOI8-R"),
      Map.entry("koi8u", "KOI8-U"), Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
      Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"),
      Map.entry("cp852", "IBM852"), Map.entry("cp866", "IBM866"), Map.entry("tis620", "TIS-620"));

  private ColumnTypes() {
  }

  /**
   * The Java charset of a MySQL character set name; UTF-8 when unknown or null. The single-byte sets Java lacks or
   * decodes unlike the server come from the server's own tables ({@link SingleByteCharset}).
   */
  public static Charset charset(String mysqlName) {
    if (mysqlName == null) {
      return StandardCharsets.UTF_8;
    }
    Charset server = SingleByteCharset.of(mysqlName);
    if (server != null) {
      return server;
    }
    String java = CHARSETS.get(mysqlName.toLowerCase(Locale.ROOT));
    try {
      return Charset.forName(java != null ? java : mysqlName);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The character set a collation belongs to: its name up to the first underscore ({@code latin1_bin}: latin1). */
  public static String charsetOfCollation(String collation) {
    if (collation == null) {
      return null;
    }
    int u = collation.indexOf('_');
    return (u < 0 ? collation : collation.substring(0, u)).toLowerCase(Locale.ROOT);
  }

  /**
   * Maps a column.
   *
   * @param name     column name
   * @param typeText the type, e.g. {@code decimal(10,2) unsigned}; attributes after it are ignored
   * @param charset  the column's MySQL character set, null for the default (utf8mb4) or non-text columns
   * @param nullable whether the column accepts null
   * @throws SyncException for a type this source cannot decode, naming the column and the fix
   */
  public static MySqlColumn map(String name, String typeText, String charset, boolean nullable) {
    DdlLexer lx = new DdlLexer(typeText);
    String base = lx.next().toLowerCase(Locale.ROOT);
    List<String> args = new ArrayList<>();
    if (lx.peekIs("(")) {
      lx.next();
      while (!lx.peekIs(")") && lx.hasNext()) {
        String t = lx.next();
        if (!t.equals(",")) {
          args.add(t);
        }
      }
      lx.next();
    }
    boolean unsigned = false;
    while (lx.hasNext()) {
      String t = lx.next().toLowerCase(Locale.ROOT);
      if (t.equals("unsigned") || t.equals("zerofill")) { // ZEROFILL implies UNSIGNED
        unsigned = true;
      } else if (!t.equals("signed")) {
        break;
      }
    }
    if (base.equals("serial")) { // BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
      base = "bigint";
      unsigned = true;
    }
    if ("binary".equalsIgnoreCase(charset)) { // CHAR(n) CHARACTER SET binary is BINARY(n), and so on
      base = switch (base) {
        case "char", "character" -> "binary";
        case "varchar" -> "varbinary";
        case "tinytext", "text", "mediumtext", "longtext" -> base.replace("text", "blob");
        default -> base;
      };
    }
    Charset cs = charset(charset);
    MySqlColumn c = mapBase(name, base, args, unsigned, cs);
    return c.withNullable(nullable);
  }

  private static MySqlColumn mapBase(String name, String base, List<String> args, boolean unsigned, Charset cs) {
    int a0 = args.isEmpty() ? -1 : intArg(args.get(0));
    return switch (base) {
      case "tinyint", "bool", "boolean", "int1" -> integer(name, Family.TINYINT, unsigned,
          unsigned ? DataType.smallint() : DataType.tinyint());
      case "smallint", "int2" -> integer(name, Family.SMALLINT, unsigned,
          unsigned ? DataType.intType() : DataType.smallint());
      case "mediumint", "int3", "middleint" -> integer(name, Family.MEDIUMINT, unsigned, DataType.intType());
      case "int", "integer", "int4" -> integer(name, Family.INT, unsigned,
          unsigned ? DataType.bigint() : DataType.intType());
      case "bigint", "int8" -> integer(name, Family.BIGINT, unsigned,
          unsigned ? DataType.decimal(20, 0) : DataType.bigint());
      case "decimal", "numeric", "dec", "fixed" -> {
        int p = a0 < 0 ? 10 : a0;
        int s = args.size() > 1 ? intArg(args.get(1)) : 0;
        yield p > DataType.MAX_DECIMAL_PRECISION
            ? plain(name, Family.DECIMAL_AS_STRING, DataType.string(), s, null)
            : plain(name, Family.DECIMAL, DataType.decimal(p, s), s, null);
      }
      case "float" -> a0 > 24 ? plain(name, Family.DOUBLE, DataType.doubleType(), 0, null)
          : plain(name, Family.FLOAT, DataType.floatType(), 0, null);
      case "double", "real", "float8" -> plain(name, Family.DOUBLE, DataType.doubleType(), 0, null);
      case "bit" -> {
        int bits = a0 < 0 ? 1 : a0;
        yield plain(name, Family.BIT, bits == 1 ? DataType.booleanType() : DataType.binary((bits + 7) / 8), bits,
            null);
      }
      case "char", "character", "nchar" -> plain(name, Family.CHAR, DataType.charType(a0 < 0 ? 1 : a0),
          a0 < 0 ? 1 : a0, cs);
      case "varchar", "nvarchar", "character varying" -> plain(name, Family.TEXT, DataType.varchar(a0), a0, cs);
      case "tinytext", "text", "mediumtext", "longtext", "long" ->
          plain(name, Family.TEXT, DataType.string(), 0, cs);
      case "binary" -> plain(name, Family.BINARY, DataType.binary(a0 < 0 ? 1 : a0), a0 < 0 ? 1 : a0, null);
      case "varbinary" -> plain(name, Family.BLOB, DataType.varbinary(a0), a0, null);
      case "tinyblob", "blob", "mediumblob", "longblob" -> plain(name, Family.BLOB, DataType.bytes(), 0, null);
      case "enum", "set" -> new MySqlColumn(name, DataType.string(),
          base.equals("enum") ? Family.ENUM : Family.SET, false, 0, cs, unquote(args));
      case "date" -> plain(name, Family.DATE, DataType.date(), 0, null);
      case "time" -> plain(name, Family.TIME, DataType.time(Math.max(a0, 0)), 0, null);
      case "datetime" -> plain(name, Family.DATETIME, DataType.timestamp(Math.max(a0, 0)), 0, null);
      case "timestamp" -> plain(name, Family.TIMESTAMP, DataType.timestampLtz(Math.max(a0, 0)), 0, null);
      case "year" -> plain(name, Family.YEAR, DataType.smallint(), 0, null);
      case "json" -> plain(name, Family.JSON, DataType.json(), 0, StandardCharsets.UTF_8);
      case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
          "geometrycollection", "geomcollection" -> plain(name, Family.GEOMETRY, DataType.bytes(), 0, null);
      // MariaDB's fixed-binary types: strings in the server's text form (widest: 15, 39 and 36 characters).
      case "inet4" -> plain(name, Family.INET4, DataType.varchar(15), 4, null);
      case "inet6" -> plain(name, Family.INET6, DataType.varchar(39), 16, null);
      case "uuid" -> plain(name, Family.UUID, DataType.varchar(36), 16, null);
      default -> throw SyncException.of(ErrorCode.UNSUPPORTED_COLUMN_TYPE, "column " + name + " has type " + base
          + ", which the MySQL source cannot decode; exclude the table or change the column type", null);
    };
  }

  /**
   * The column of a schema the engine handed over (from a checkpoint) when the server's current definition is not
   * known: the decoding family is derived from the logical type. Text is assumed utf8mb4 and ENUM/SET members are
   * unknown (values then decode as their numeric codes in text form).
   */
  public static MySqlColumn fromLogical(Column c) {
    DataType t = c.type();
    return switch (t.kind()) {
      case BOOLEAN -> plain(c.name(), Family.BIT, t, 1, null);
      case TINYINT -> new MySqlColumn(c.name(), t, Family.TINYINT, false, 0, null, List.of());
      case SMALLINT -> new MySqlColumn(c.name(), t, Family.SMALLINT, false, 0, null, List.of());
      case INT -> new MySqlColumn(c.name(), t, Family.INT, false, 0, null, List.of());
      case BIGINT -> new MySqlColumn(c.name(), t, Family.BIGINT, false, 0, null, List.of());
      case DECIMAL -> plain(c.name(), Family.DECIMAL, t, t.scale(), null);
      case FLOAT -> plain(c.name(), Family.FLOAT, t, 0, null);
      case DOUBLE -> plain(c.name(), Family.DOUBLE, t, 0, null);
      case CHAR -> plain(c.name(), Family.CHAR, t, t.precision(), StandardCharsets.UTF_8);
      case VARCHAR -> plain(c.name(), Family.TEXT, t, t.precision(), StandardCharsets.UTF_8);
      case JSON -> plain(c.name(), Family.JSON, t, 0, StandardCharsets.UTF_8);
      case BINARY -> plain(c.name(), Family.BINARY, t, t.precision(), null);
      case VARBINARY -> plain(c.name(), Family.BLOB, t, t.precision(), null);
      case DATE -> plain(c.name(), Family.DATE, t, 0, null);
      case TIME -> plain(c.name(), Family.TIME, t, 0, null);
      case TIMESTAMP -> plain(c.name(), Family.DATETIME, t, 0, null);
      case TIMESTAMP_LTZ -> plain(c.name(), Family.TIMESTAMP, t, 0, null);
    };
  }

  /**
   * Whether a rows event's column type codes (from its TABLE_MAP) can be the layout's columns: the count, and each
   * code against the column's decoding family. A stale layout with the same column count is caught here, before
   * its rows decode into the wrong columns.
   */
  public static boolean fits(byte[] types, MySqlTable table) {
    List<MySqlColumn> cols = table.columns();
    if (types.length != cols.size()) {
      return false;
    }
    for (int i = 0; i < types.length; i++) {
      if (!fits(types[i] & 0xFF, cols.get(i).family())) {
        return false;
      }
    }
    return true;
  }

  private static boolean fits(int code, Family family) {
    return switch (family) {
      case TINYINT -> code == 1;
      case SMALLINT -> code == 2;
      case MEDIUMINT -> code == 9;
      case INT -> code == 3;
      case BIGINT -> code == 8;
      case DECIMAL, DECIMAL_AS_STRING -> code == 246 || code == 0;
      case FLOAT -> code == 4;
      case DOUBLE -> code == 5;
      case BIT -> code == 16;
      case DATE -> code == 10 || code == 14;
      case TIME -> code == 11 || code == 19;
      case DATETIME -> code == 12 || code == 18;
      case TIMESTAMP -> code == 7 || code == 17;
      case YEAR -> code == 13;
      case GEOMETRY -> code == 255;
      case JSON -> code == 245 || code == 252;
      case ENUM, SET -> code == 254 || code == 247 || code == 248;
      case CHAR, BINARY -> code == 254 || code == 253 || code == 15;
      case TEXT, BLOB -> code == 15 || code == 253 || code == 254 || code >= 249 && code <= 252;
      case INET4, INET6, UUID -> code == 254; // MariaDB sends them as fixed-length binary strings
    };
  }

  /** Type codes for messages, e.g. {@code [3, 15, 252]}. */
  public static String describe(byte[] types) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < types.length; i++) {
      b.append(i == 0 ? "" : ", ").append(types[i] & 0xFF);
    }
    return b.append("] (binlog type codes)").toString();
  }

  private static MySqlColumn integer(String name, Family family, boolean unsigned, DataType type) {
    return new MySqlColumn(name, type, family, unsigned, 0, null, List.of());
  }

  private static MySqlColumn plain(String name, Family family, DataType type, int length, Charset cs) {
    return new MySqlColumn(name, type, family, false, length, cs, List.of());
  }

  private static int intArg(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<String> unquote(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      out.add(DdlLexer.unquote(a));
    }
    return out;
  }
}
