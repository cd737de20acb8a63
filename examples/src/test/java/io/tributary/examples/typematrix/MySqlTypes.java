package io.tributary.examples.typematrix;

import static io.tributary.examples.typematrix.TypeCase.of;

import io.tributary.examples.typematrix.TypeCase.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * The MySQL/MariaDB families of the matrix, each with the canonical form it is compared in: integers and decimals
 * as {@code CAST(x AS CHAR)} (every digit, the scale kept); FLOAT/DOUBLE as the exact double
 * ({@code CAST(x AS DOUBLE)}, parsed); temporals as {@code CAST(x AS CHAR)} with exactly fsp fraction digits in a
 * UTC session; strings as the hex of their UTF-8 bytes ({@code HEX(CONVERT(x USING utf8mb4))}), so a replaced
 * character or a dropped trailing space shows; bytes and BIT as {@code HEX}.
 */
public final class MySqlTypes {

  private static final String CHAR = "CAST(%s AS CHAR)";
  private static final String UTF8_HEX = "HEX(CONVERT(%s USING utf8mb4))";

  private MySqlTypes() {
  }

  /** @param mariaDb MariaDB (JSON is LONGTEXT, kept byte for byte) or MySQL (JSON is normalised by the server) */
  public static List<Family> families(boolean mariaDb) {
    List<Family> out = new ArrayList<>(List.of(integers(), decimals(), floats(), bits(), times(), dateTimes(),
        strings("utf8mb4"), strings("latin1"), binaries(), enumsAndSets(), generated(), zeroDates(), otherCharsets(),
        singleByteCharsets()));
    out.add(json(mariaDb));
    if (!mariaDb) {
      out.add(mySqlJson());
      out.add(mySqlCollations());
      out.add(mySqlHiddenColumns());
      out.add(mySqlCharsets());
      out.add(mySqlGeometry());
    }
    return out;
  }

  static Family integers() {
    return new Family("ints",
        of("ti", "TINYINT", CHAR, Canon::number, "-128", "0", "127"),
        of("tiu", "TINYINT UNSIGNED", CHAR, Canon::number, "0", "128", "255"),
        of("si", "SMALLINT", CHAR, Canon::number, "-32768", "0", "32767"),
        of("siu", "SMALLINT UNSIGNED", CHAR, Canon::number, "0", "32768", "65535"),
        of("mi", "MEDIUMINT", CHAR, Canon::number, "-8388608", "0", "8388607"),
        of("miu", "MEDIUMINT UNSIGNED", CHAR, Canon::number, "0", "8388608", "16777215"),
        of("i", "INT", CHAR, Canon::number, "-2147483648", "0", "2147483647"),
        of("iu", "INT UNSIGNED", CHAR, Canon::number, "0", "2147483648", "4294967295"),
        of("bi", "BIGINT", CHAR, Canon::number, "-9223372036854775808", "0", "9223372036854775807"),
        of("biu", "BIGINT UNSIGNED", CHAR, Canon::number, "0", "9223372036854775808", "18446744073709551615"),
        of("yr", "YEAR", CHAR, v -> String.format("%04d", ((Number) v).intValue()), "1901", "2155", "0", "2024"));
  }

  static Family decimals() {
    return new Family("decimals",
        of("d10_2", "DECIMAL(10,2)", CHAR, Canon::number, "-99999999.99", "0", "0.01", "12345678.9"),
        of("d38_10", "DECIMAL(38,10)", CHAR, Canon::number, "-9999999999999999999999999999.9999999999",
            "0.0000000001", "1"),
        of("d65_30", "DECIMAL(65,30)", CHAR, Canon::number,
            "-99999999999999999999999999999999999.999999999999999999999999999999",
            "0.000000000000000000000000000001", "0", "1.5"),
        of("d65_0", "DECIMAL(65,0)", CHAR, Canon::number,
            "99999999999999999999999999999999999999999999999999999999999999999", "-1", "0"),
        of("du", "DECIMAL(5,2) UNSIGNED", CHAR, Canon::number, "999.99", "0.5"));
  }

  static Family floats() {
    String asDouble = "CAST(%s AS DOUBLE)";
    return new Family("floats",
        of("f", "FLOAT", asDouble, Canon::floatAsDouble, "3.40282e38", "-1.17549e-38", "0", "1.1", "16777217",
            "-2.5").sourceCanon(Canon::parsedDouble),
        of("d", "DOUBLE", asDouble, Canon::doubleText, "1.7976931348623157e308", "2.2250738585072014e-308",
            "4.9e-324", "0.1", "-123456789.123456789").sourceCanon(Canon::parsedDouble),
        of("f53", "FLOAT(53)", asDouble, Canon::doubleText, "0.1", "1e300").sourceCanon(Canon::parsedDouble),
        of("f74", "FLOAT(7,4)", asDouble, Canon::floatAsDouble, "123.4567", "-0.0001")
            .sourceCanon(Canon::parsedDouble),
        of("d102", "DOUBLE(10,2)", asDouble, Canon::doubleText, "12345678.91", "-0.01")
            .sourceCanon(Canon::parsedDouble),
        of("tb", "TINYINT(1)", CHAR, Canon::number, "1", "0", "-128", "127"));
  }

  static Family bits() {
    return new Family("bits",
        of("b1", "BIT(1)", "CAST(%s + 0 AS CHAR)", v -> (Boolean) v ? "1" : "0", "b'0'", "b'1'"),
        of("b5", "BIT(5)", "LPAD(HEX(%s), 2, '0')", Canon::hex, "b'0'", "b'11111'", "b'10000'"),
        of("b8", "BIT(8)", "LPAD(HEX(%s), 2, '0')", Canon::hex, "b'0'", "b'11111111'", "b'1'"),
        of("b64", "BIT(64)", "LPAD(HEX(%s), 16, '0')", Canon::hex, "b'0'",
            "0xFFFFFFFFFFFFFFFF", "0x8000000000000001"));
  }

  static Family times() {
    List<TypeCase> cases = new ArrayList<>();
    for (int fsp = 0; fsp <= 6; fsp++) {
      int p = fsp;
      cases.add(of("t" + fsp, "TIME(" + fsp + ")", CHAR, v -> Canon.mysqlTime(v, p), "'00:00:00'",
          "'23:59:59'", "'12:34:56.123456'", "'00:00:00.000001'", "'23:59:59.499999'"));
    }
    cases.add(of("dt", "DATE", CHAR, Canon::mysqlDate, "'1000-01-01'", "'9999-12-31'", "'1582-10-04'",
        "'0001-01-01'", "'2024-02-29'", "'1582-10-10'", "'1582-10-15'"));
    return new Family("times", cases);
  }

  static Family dateTimes() {
    List<TypeCase> cases = new ArrayList<>();
    for (int fsp = 0; fsp <= 6; fsp++) {
      int p = fsp;
      cases.add(of("dt" + fsp, "DATETIME(" + fsp + ")", CHAR, v -> Canon.mysqlDateTime(v, p),
          "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59.499999'", "'1582-10-04 12:00:00.5'",
          "'2024-02-29 19:42:45.849703'", "'1970-01-01 00:00:00'", "'1582-10-05 00:00:00.000001'",
          "'1582-10-14 23:59:59.499999'"));
      cases.add(of("ts" + fsp, "TIMESTAMP(" + fsp + ") NULL", CHAR, v -> Canon.mysqlDateTime(v, p),
          "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07.499999'", "'2024-02-29 19:42:45.849703'",
          "'2000-01-01 00:00:00.000001'"));
    }
    return new Family("datetimes", cases);
  }

  /**
   * Zero dates and zero-in-date values, which no Paimon DATE or TIMESTAMP holds. Refused by default (the refusal
   * cases); the matrix runs with the documented lossy zeroDates(ZeroDates.NULL) (see docs/types.md): they read as
   * null in both phases, so their canonical form here is NULL, stated explicitly.
   */
  static Family zeroDates() {
    String zeroAsNull = "IF(MONTH(%s) = 0 OR DAYOFMONTH(%s) = 0, NULL, CAST(%s AS CHAR))";
    return new Family("zero_dates",
        of("d", "DATE", zeroAsNull, Canon::mysqlDate, "'0000-00-00'", "'2024-00-10'", "'2024-01-00'",
            "'2024-01-01'"),
        of("dt", "DATETIME(6)", zeroAsNull, v -> Canon.mysqlDateTime(v, 6), "'0000-00-00 00:00:00'",
            "'2024-00-10 01:02:03.000004'", "'2024-01-01 00:00:00.000001'"),
        of("ts", "TIMESTAMP NULL", zeroAsNull, v -> Canon.mysqlDateTime(v, 0), "'0000-00-00 00:00:00'",
            "'2024-01-01 00:00:00'"));
  }

  static Family strings(String charset) {
    String cs = " CHARACTER SET " + charset;
    List<String> values = new ArrayList<>(List.of("''", "'abc'", "'caf\u00e9 \u00ff'", "'tail  '",
        "'line\\nbreak\\ttab'", "'quote''s \\\\ back'"));
    if (charset.equals("utf8mb4")) {
      values.addAll(List.of("'\u20ac \u4e2d\u6587 \ud83d\ude00'", "'\\0nul'"));
    } else { // latin1 is cp1252 plus the five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
      values.addAll(List.of("'\u20ac\u2122'", "CONVERT(X'818D8F909D' USING latin1)"));
    }
    String[] v = values.toArray(String[]::new);
    return new Family("strings_" + charset,
        of("c", "CHAR(20)" + cs, UTF8_HEX, Canon::utf8Hex, v),
        of("vc", "VARCHAR(40)" + cs, UTF8_HEX, Canon::utf8Hex, v),
        of("tx", "TEXT" + cs, UTF8_HEX, Canon::utf8Hex, v),
        of("ltx", "LONGTEXT" + cs, UTF8_HEX, Canon::utf8Hex, v));
  }

  /** Text in the other character sets a binlog cell is decoded from (the snapshot has the driver decode it). */
  static Family otherCharsets() {
    String[][] sets = {
        {"utf8mb3", "'\u20ac \u4e2d'", "'tail  '"},
        {"ucs2", "'\u20ac\u00fc'", "'tail  '"},
        {"utf16", "'\u20ac \ud83d\ude00'", "'tail  '"},
        {"utf16le", "'\u20ac \ud83d\ude00'"},
        {"utf32", "'\u20ac \ud83d\ude00'", "'tail  '"},
        {"cp1251", "'\u041f\u0440\u0438\u0432\u0435\u0442'"},
        {"koi8r", "'\u041f\u0440\u0438\u0432\u0435\u0442'"},
        {"latin2", "'\u0141\u00f3d\u017a'"},
        {"greek", "'\u03b1\u03b2\u03b3'"},
        {"sjis", "'\u65e5\u672c\u8a9e'", "'\\\\ ~'"},
        {"cp932", "'\u65e5\u672c\u8a9e'", "'\uff5e\u2460'"},
        {"ujis", "'\u65e5\u672c\u8a9e'", "'\\\\ ~'"},
        {"eucjpms", "'\u65e5\u672c\u8a9e'", "'\\\\ ~'"},
        {"gbk", "'\u4e2d\u6587'"},
        {"big5", "'\u4e2d\u6587'"},
        {"euckr", "'\ud55c\uad6d'"}};
    List<TypeCase> cases = new ArrayList<>();
    for (String[] set : sets) {
      List<String> values = new ArrayList<>(List.of("''", "'abc'"));
      values.addAll(List.of(set).subList(1, set.length));
      String[] v = values.toArray(String[]::new);
      cases.add(of("c_" + set[0], "CHAR(10) CHARACTER SET " + set[0], UTF8_HEX, Canon::utf8Hex, v));
      cases.add(of("v_" + set[0], "VARCHAR(20) CHARACTER SET " + set[0], UTF8_HEX, Canon::utf8Hex, v));
    }
    return new Family("charsets", cases);
  }

  static Family binaries() {
    return new Family("binaries",
        of("bn", "BINARY(4)", "HEX(%s)", Canon::hex, "X''", "X'00'", "X'FF00'", "X'00000000'", "X'DEADBEEF'",
            "X'20202020'"),
        of("vb", "VARBINARY(10)", "HEX(%s)", Canon::hex, "X''", "X'00'", "X'FF00'", "X'0000000000'",
            "X'DEADBEEF20'"),
        of("bl", "BLOB", "HEX(%s)", Canon::hex, "X''", "X'00'", "X'FF00'", "X'00000000'", "X'DEADBEEF'"),
        of("lbl", "LONGBLOB", "HEX(%s)", Canon::hex, "X''", "X'00'", "X'00FF'"));
  }

  static Family enumsAndSets() {
    return new Family("enums",
        of("e", "ENUM('a','b c','\u00e9\u20ac')", UTF8_HEX, Canon::utf8Hex, "'a'", "'b c'", "'\u00e9\u20ac'"),
        of("st", "SET('x','y','z w')", UTF8_HEX, Canon::utf8Hex, "''", "'x'", "'x,z w'", "'x,y,z w'"));
  }

  static Family generated() {
    return new Family("generated_cols", // GENERATED is a reserved word in MySQL 8
        of("b", "INT", CHAR, Canon::number, "1", "-7", "2147483647"),
        TypeCase.generated("gv", "BIGINT AS (b * 2) VIRTUAL", CHAR, Canon::number),
        TypeCase.generated("gs", "VARCHAR(30) AS (CONCAT('n=', b)) STORED", UTF8_HEX, Canon::utf8Hex));
  }

  /**
   * What only MySQL's binary JSON holds, compared in the server's normalised text ({@code CAST(j AS CHAR)}):
   * shortest round-trip doubles, integers at the int64/uint64 ends, escapes, opaque DATE/TIME/DATETIME/DECIMAL/
   * binary values (built with JSON_OBJECT, no JSON literal writes them), sorted and de-duplicated keys, and a
   * document over 64 KB (the binary format's large layout).
   */
  static Family mySqlJson() {
    String text = "HEX(CONVERT(CAST(%s AS CHAR) USING utf8mb4))";
    return new Family("mysql_jsons",
        of("j", "JSON", text, Canon::utf8Hex, "'-0.0'", "'1e15'", "'1e-7'", "'0.30000000000000004'",
            "'123456789012345678901'", "'18446744073709551615'", "'-9223372036854775808'",
            "'[0.1, 1.5e-300, -1.7976931348623157e308, 100.0, 1e16, 4.9e-324]'",
            "'\"\\\\u0000 \\\\n \\\\\" \\\\\\\\ / \\\\u001f\"'",
            "'{\"bb\": 1, \"a\": 2, \"a\": 3, \"\": {\"y\": [[], {}, [null]]}}'",
            "JSON_OBJECT('d', CAST('2024-02-29' AS DATE), 't', CAST('-838:59:59' AS TIME), 't6', "
                + "CAST('12:34:56.000001' AS TIME(6)), 'dt', CAST('2024-02-29 19:42:45.849703' AS DATETIME(6)), "
                + "'dec', CAST(1.50 AS DECIMAL(5,2)), 'bin', CAST(X'00FF' AS BINARY), 'y', CAST(2024 AS YEAR))",
            "JSON_ARRAY(CAST(-0.000001 AS DECIMAL(65,30)), CAST('0001-01-01 00:00:00' AS DATETIME), "
                + "CAST('1582-10-10' AS DATE), CAST(1e300 AS DOUBLE), TRUE, FALSE)",
            "CAST(CONCAT('[', REPEAT('\"abcdefghij\", ', 7000), '1]') AS JSON)"));
  }

  /** MySQL 8's default utf8mb4_0900 collations (NO PAD) and the language-specific ones, beside the PAD ones. */
  static Family mySqlCollations() {
    String[] collations = {"utf8mb4_0900_ai_ci", "utf8mb4_0900_as_cs", "utf8mb4_0900_bin", "utf8mb4_ja_0900_as_cs",
        "utf8mb4_bin", "utf8mb4_general_ci", "utf8mb3_general_ci"};
    List<TypeCase> cases = new ArrayList<>();
    for (String collation : collations) {
      String cs = collation.substring(0, collation.indexOf('_'));
      String suffix = collation.replace(cs + "_", "");
      String[] v = cs.equals("utf8mb3")
          ? new String[] {"''", "'Abc'", "'tail  '", "'\u20ac \u4e2d'"}
          : new String[] {"''", "'Abc'", "'tail  '", "'\u20ac \u4e2d \ud83d\ude00'"};
      String type = " CHARACTER SET " + cs + " COLLATE " + collation;
      cases.add(of("c_" + cs + "_" + suffix, "CHAR(10)" + type, UTF8_HEX, Canon::utf8Hex, v));
      cases.add(of("v_" + cs + "_" + suffix, "VARCHAR(20)" + type, UTF8_HEX, Canon::utf8Hex, v));
      cases.add(of("t_" + cs + "_" + suffix, "TEXT" + type, UTF8_HEX, Canon::utf8Hex, v));
    }
    return new Family("mysql_collations", cases);
  }

  /**
   * Columns {@code SELECT *} does not show: an INVISIBLE column (8.0.23) and the hidden virtual column behind a
   * functional index (8.0.13), declared as part of the column before it. Neither may shift the columns after it.
   */
  static Family mySqlHiddenColumns() {
    return new Family("mysql_hidden",
        of("a", "INT, INDEX fi ((a + 1))", CHAR, Canon::number, "1", "-5"),
        of("inv", "VARCHAR(10) INVISIBLE", UTF8_HEX, Canon::utf8Hex, "'hidden'", "''"),
        of("z", "BIGINT", CHAR, Canon::number, "9223372036854775807", "0"));
  }

  /** gb18030, which only MySQL has (MariaDB 11 added it), with characters outside the BMP. */
  static Family mySqlCharsets() {
    return new Family("mysql_charsets",
        of("c_gb18030", "CHAR(10) CHARACTER SET gb18030", UTF8_HEX, Canon::utf8Hex, "''", "'abc'",
            "'\u4e2d\u6587 \u20ac \ud83d\ude00'", "'tail  '"),
        of("v_gb18030", "VARCHAR(20) CHARACTER SET gb18030", UTF8_HEX, Canon::utf8Hex, "''", "'abc'",
            "'\u4e2d\u6587 \u20ac \ud83d\ude00'", "'tail  '"));
  }

  /**
   * Every byte 0x00..0xFF in each single-byte character set ({@code CONVERT(X'00..FF' USING cs)}): decoded once by
   * the server (the snapshot, and this canonical form) and once by the source from the binlog's raw bytes. Bytes a
   * set leaves undefined read as the server prints them ('?' or U+FFFD), in both phases.
   */
  static Family singleByteCharsets() {
    StringBuilder all = new StringBuilder("X'");
    for (int b = 0; b < 256; b++) {
      all.append(String.format("%02X", b));
    }
    String every = all.append("'").toString();
    String[] sets = {"latin1", "latin2", "latin5", "latin7", "greek", "hebrew", "cp1250", "cp1251", "cp1256",
        "cp1257", "cp850", "cp852", "cp866", "koi8r", "koi8u", "tis620", "macroman", "macce", "armscii8", "dec8",
        "hp8", "keybcs2", "geostd8", "swe7"};
    List<TypeCase> cases = new ArrayList<>();
    for (String cs : sets) {
      cases.add(of("v_" + cs, "VARCHAR(256) CHARACTER SET " + cs, UTF8_HEX, Canon::utf8Hex, "''", "'abc'",
          "CONVERT(" + every + " USING " + cs + ")"));
    }
    return new Family("single_byte_charsets", cases);
  }

  /** Spatial values as the server stores them (SRID + WKB), with MySQL 8's SRID column attribute. */
  static Family mySqlGeometry() {
    return new Family("mysql_geometry",
        of("g", "GEOMETRY", "HEX(%s)", Canon::hex, "ST_GeomFromText('POINT(1 2)')",
            "ST_GeomFromText('LINESTRING(0 0, 1.5 -2.25, 1e300 5)')", "ST_GeomFromText('POINT(1 2)', 4326)"),
        of("p", "POINT SRID 4326", "HEX(%s)", Canon::hex, "ST_GeomFromText('POINT(45 -120)', 4326)",
            "ST_SRID(POINT(0, 0), 4326)"));
  }

  static Family json(boolean mariaDb) {
    // MariaDB's JSON is LONGTEXT with a JSON_VALID check: kept byte for byte. MySQL stores binary JSON and prints
    // it normalised; the MySQL source syncs that normalised text.
    String source = mariaDb ? UTF8_HEX : "HEX(CONVERT(CAST(%s AS CHAR) USING utf8mb4))";
    return new Family("jsons",
        of("j", "JSON", source, Canon::utf8Hex, "'{}'", "'[]'", "'{\"a\": 1, \"b\": [true, null, 2.50]}'",
            "'\"\u00e9\u20ac\ud83d\ude00\"'", "'{\"k\":\"v\"}'", "'1e300'"));
  }
}
