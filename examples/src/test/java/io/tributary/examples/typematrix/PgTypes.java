package io.tributary.examples.typematrix;

import static io.tributary.examples.typematrix.TypeCase.of;

import io.tributary.examples.typematrix.TypeCase.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL families of the matrix, each with the canonical form it is compared in: numbers, dates and times
 * as {@code x::text} in a UTC, ISO session; real/double as the exact value (parsed, so {@code -0}, NaN and the
 * infinities are compared as values); strings as the hex of their UTF-8 bytes; bytea as {@code encode(x, 'hex')};
 * arrays as the server's own {@code array_to_json(x)}; types synced as strings (timetz, interval, uuid, json,
 * jsonb, enums, money) as {@code x::text}, inet and cidr by their output function ({@code concat(x)}: {@code ::text}
 * would add the /32 or /128 mask the output leaves out).
 */
public final class PgTypes {

  private static final String TEXT = "%s::text";
  private static final String UTF8_HEX = "encode(convert_to(%s::text, 'UTF8'), 'hex')";

  private PgTypes() {
  }

  /** User-defined types the families use. */
  public static List<String> typeDdl() {
    return List.of("CREATE TYPE mood AS ENUM ('sad', 'ok', 'h\u00e4ppy \ud83d\ude00')",
        "CREATE DOMAIN posint AS int CHECK (VALUE > 0)", "CREATE DOMAIN code5 AS varchar(5)",
        "CREATE DOMAIN money2 AS numeric(12,2)");
  }

  public static List<Family> families() {
    return List.of(integers(), numerics(), floats(), strings(), times(), timestamps(), others(), arrays(), misc());
  }

  /**
   * The families whose every type the log reads in binary with {@code binaryValues(true)} (see PgBinary): the
   * others' timetz, interval, money, network, range, geometric and array columns would make the stream read text.
   */
  public static List<Family> binaryFamilies() {
    List<TypeCase> times = new ArrayList<>(times().cases());
    times.removeIf(c -> c.column().equals("tz") || c.column().equals("iv"));
    List<TypeCase> others = new ArrayList<>(others().cases());
    others.removeIf(c -> List.of("mo", "ip", "cd").contains(c.column()));
    List<TypeCase> misc = new ArrayList<>(misc().cases());
    misc.removeIf(c -> !List.of("o", "nm").contains(c.column()));
    return List.of(integers(), numerics(), floats(), strings(), new Family("times", times), timestamps(),
        new Family("others", others), new Family("misc", misc));
  }

  static Family integers() {
    return new Family("ints",
        of("si", "smallint", TEXT, Canon::number, "-32768", "0", "32767"),
        of("i", "integer", TEXT, Canon::number, "-2147483648", "0", "2147483647"),
        of("bi", "bigint", TEXT, Canon::number, "-9223372036854775808", "0", "9223372036854775807"),
        of("b", "boolean", TEXT, v -> (Boolean) v ? "true" : "false", "true", "false"),
        of("pi", "posint", TEXT, Canon::number, "1", "2147483647"));
  }

  static Family numerics() {
    return new Family("numerics",
        of("n10_2", "numeric(10,2)", TEXT, Canon::number, "-99999999.99", "0", "0.01", "1.5"),
        of("n38_10", "numeric(38,10)", TEXT, Canon::number, "-9999999999999999999999999999.9999999999",
            "0.0000000001"),
        of("n65_30", "numeric(65,30)", TEXT, Canon::number,
            "-99999999999999999999999999999999999.999999999999999999999999999999", "1.5"),
        of("n", "numeric", TEXT, Canon::number, "'NaN'", "'Infinity'", "'-Infinity'", "0", "1.50",
            "1e-100", "'-" + "9".repeat(200) + "." + "1".repeat(100) + "'", "123456789012345678901234567890123456789"),
        of("m2", "money2", TEXT, Canon::number, "12.34", "-0.01"));
  }

  static Family floats() {
    return new Family("floats",
        of("r", "real", TEXT, Canon::floatText, "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "'3.4028235e38'",
            "'1.4e-45'", "'0.1'", "'1.17549435e-38'").sourceCanon(Canon::parsedFloat),
        of("d", "double precision", TEXT, Canon::doubleText, "'NaN'", "'Infinity'", "'-Infinity'", "'-0'",
            "'1.7976931348623157e308'", "'4.9e-324'", "'0.1'", "'-123456789.123456789'")
            .sourceCanon(Canon::parsedDouble));
  }

  static Family strings() {
    String[] values = {"''", "'abc'", "'caf\u00e9'", "'tail  '", "E'line\\nbreak\\ttab'", "'quote''s \\ back'",
        "'\u20ac \u4e2d\u6587 \ud83d\ude00'"};
    return new Family("strings",
        of("t", "text", UTF8_HEX, Canon::lowerUtf8Hex, values),
        of("vc", "varchar(20)", UTF8_HEX, Canon::lowerUtf8Hex, values),
        // bpchar's output keeps the padding; ::text would strip it, so the canonical form is the padded text
        of("c", "char(20)", "encode(convert_to(concat(%s), 'UTF8'), 'hex')", Canon::lowerUtf8Hex, values),
        of("c5", "code5", UTF8_HEX, Canon::lowerUtf8Hex, "''", "'abcde'", "'\ud83d\ude00'"),
        of("ba", "bytea", "encode(%s, 'hex')", Canon::hexLower, "'\\x'", "'\\x00'", "'\\xff00'", "'\\xdeadbeef'"));
  }

  static Family times() {
    List<TypeCase> cases = new ArrayList<>();
    for (int p = 0; p <= 6; p++) {
      cases.add(of("t" + p, "time(" + p + ")", TEXT, Canon::pgTime, "'00:00:00'", "'23:59:59'",
          "'12:34:56.123456'", "'00:00:00.000001'", "'23:59:59.499999'"));
    }
    cases.add(of("t24", "time", TEXT, Canon::pgTime, "'24:00:00'", "'23:59:59.999999'"));
    cases.add(of("dt", "date", TEXT, Canon::pgDate, "'2024-02-29'", "'0001-01-01'", "'4713-01-01 BC'",
        "'5874897-12-31'", "'1582-10-10'"));
    cases.add(of("tz", "timetz", TEXT, Canon::text, "'12:34:56.789+05:30'", "'00:00:00-15:59'",
        "'24:00:00+00'"));
    cases.add(of("iv", "interval", TEXT, Canon::text, "'1 year 2 mons 3 days 04:05:06.789'",
        "'-178000000 years'", "'00:00:00.000001'", "'-1 days +02:03:00'"));
    return new Family("times", cases);
  }

  static Family timestamps() {
    List<TypeCase> cases = new ArrayList<>();
    for (int p = 0; p <= 6; p++) {
      cases.add(of("ts" + p, "timestamp(" + p + ")", TEXT, Canon::pgTimestamp, "'2024-02-29 19:42:45.849703'",
          "'4713-01-01 00:00:00 BC'", "'1970-01-01 00:00:00'", "'1582-10-05 12:00:00.5'",
          "'99999-12-31 23:59:59.499999'"));
      cases.add(of("tz" + p, "timestamptz(" + p + ")", TEXT, Canon::pgTimestamptz,
          "'2024-02-29 19:42:45.849703+00'", "'4713-01-01 00:00:00+00 BC'", "'1970-01-01 00:00:00+00'",
          "'2000-01-01 12:00:00.000001-05:30'"));
    }
    return new Family("timestamps", cases);
  }

  static Family others() {
    return new Family("others",
        of("u", "uuid", TEXT, Canon::text, "'00000000-0000-0000-0000-000000000000'",
            "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"),
        of("j", "json", UTF8_HEX, Canon::lowerUtf8Hex, "'{\"a\": 1,  \"a\": 2}'", "'[1e300, \"\u00e9\"]'",
            "'\"\\u0041\"'"),
        of("jb", "jsonb", UTF8_HEX, Canon::lowerUtf8Hex, "'{\"b\": 1,  \"a\": [true, null, 2.50]}'",
            "'\"\\u00e9\"'", "'1e3'"),
        of("e", "mood", UTF8_HEX, Canon::lowerUtf8Hex, "'sad'", "'h\u00e4ppy \ud83d\ude00'"),
        of("mo", "money", TEXT, Canon::text, "'1234.56'", "'-0.01'", "'92233720368547758.07'"),
        of("ip", "inet", "concat(%s)", Canon::text, "'192.168.0.1/24'", "'::1'", "'10.0.0.1'"),
        of("cd", "cidr", "concat(%s)", Canon::text, "'10.0.0.0/8'", "'2001:db8::/32'"));
  }

  /** Types synced as their text form (see TypeMapper), and oid as BIGINT. */
  static Family misc() {
    return new Family("misc",
        of("o", "oid", TEXT, Canon::number, "0", "4294967295"),
        of("bt", "bit(8)", TEXT, Canon::text, "B'10101010'", "B'00000000'"),
        of("vbt", "varbit", TEXT, Canon::text, "B''", "B'101'"),
        of("ch", "\"char\"", TEXT, Canon::text, "'a'", "''"),
        of("nm", "name", UTF8_HEX, Canon::lowerUtf8Hex, "'abc'", "'\u00e9\ud83d\ude00'"),
        of("x", "xml", TEXT, Canon::text, "'<a b=\"1\">t</a>'", "'text only'"),
        of("r", "int4range", TEXT, Canon::text, "'[1,10)'", "'empty'", "'(,5]'"),
        of("tr", "tstzrange", TEXT, Canon::text, "'[2024-01-01 00:00:00.000001+00,infinity)'"),
        of("pt", "point", TEXT, Canon::text, "'(1.5,-2)'", "'(NaN,Infinity)'"),
        of("mac", "macaddr", TEXT, Canon::text, "'08:00:2b:01:02:03'"),
        of("tv", "tsvector", TEXT, Canon::text, "'a fat cat'"),
        of("ea", "mood[]", "to_json(%s::text[])::text", Canon::text, "'{sad,NULL}'"),
        of("ta2", "text[][]", "array_to_json(%s)::text", Canon::text, "'{{\"a\",\"b\"},{NULL,\"\"}}'"),
        of("bya", "bytea[]", "to_json(%s::text[])::text", Canon::text, "'{\"\\\\x00ff\"}'"));
  }

  static Family arrays() {
    String json = "array_to_json(%s)::text";
    return new Family("arrays",
        of("ia", "int[]", json, Canon::text, "'{1,2,NULL}'", "'{}'", "'{-2147483648}'"),
        of("ia2", "int[][]", json, Canon::text, "'{{1,2},{3,4}}'", "'{{NULL,5}}'"),
        of("ta", "text[]", json, Canon::text, "'{\"a b\",\"c\\\"d\",NULL,\"NULL\",\"\"}'", "'{\u00e9}'"),
        of("ba", "boolean[]", json, Canon::text, "'{t,f,NULL}'"),
        of("na", "numeric[]", json, Canon::text, "'{1.50,-0.001,NaN}'"),
        of("fa", "float8[]", json, Canon::text, "'{0.1,NaN,Infinity,-0}'"),
        of("da", "date[]", json, Canon::text, "'{2024-02-29,infinity}'"),
        // array_to_json would print timestamps in ISO 8601; the elements are synced in PostgreSQL's text form
        of("tsa", "timestamptz[]", "to_json(%s::text[])::text", Canon::text, "'{\"2024-02-29 19:42:45.849703+00\"}'"));
  }
}
