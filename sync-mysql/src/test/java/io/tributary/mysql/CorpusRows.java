package io.tributary.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes rows that touch every column of a table, whatever its layout after a corpus statement: values are made
 * from the server's own column types ({@code information_schema}), as SQL literals, so the test needs no knowledge
 * of Tributary's type mapping. Three variants per column, distinct, so unique keys hold.
 */
final class CorpusRows {

  /** A column as the server describes it. */
  record Col(String name, String dataType, String columnType, String charset, boolean nullable, boolean generated,
      long maxLength, int precision, int scale, int fsp) {
    boolean unsigned() {
      return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
    }
  }

  /** What was written: key literals of the inserted rows (null when the server refused rows), or why not. */
  record Written(List<List<String>> keys, String refused) {
  }

  private static final Set<String> WIDE_CHARSETS = Set.of("latin1", "utf8mb3", "utf8mb4", "utf8", "ucs2", "utf16",
      "utf16le", "utf32", "cp1250", "cp1252", "latin2");

  private CorpusRows() {
  }

  static List<Col> columns(Connection c, String db, String table) throws SQLException {
    List<Col> cols = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, "
        + "IS_NULLABLE, EXTRA, IS_GENERATED, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, "
        + "DATETIME_PRECISION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
        + "ORDER BY ORDINAL_POSITION")) {
      s.setString(1, db);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String extra = String.valueOf(rs.getString(6)).toUpperCase(Locale.ROOT);
          cols.add(new Col(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3),
              rs.getString(4), "YES".equals(rs.getString(5)),
              "ALWAYS".equals(rs.getString(7)) || extra.contains("GENERATED"), rs.getLong(8), rs.getInt(9),
              rs.getInt(10), rs.getInt(11)));
        }
      }
    }
    return cols;
  }

  /**
   * Inserts rows A (variant 1) and B (variant 2), then updates B's non-key columns (variant 3, every other nullable
   * column to NULL). A refused insert is retried with other values (check constraints, key clashes with setup rows).
   */
  static Written write(Connection c, String table, List<Col> cols, List<String> key) {
    String q = quote(table);
    List<Col> writable = cols.stream().filter(x -> !x.generated()).toList();
    List<String> names = writable.stream().map(x -> quote(x.name())).toList();
    List<List<String>> keys = new ArrayList<>();
    String last = null;
    try (Statement s = c.createStatement()) {
      s.execute("SET SESSION foreign_key_checks = 0");
      for (int v = 1; v <= 2; v++) {
        boolean done = false;
        for (int salt = 0; salt < 4 && !done; salt++) {
          List<String> values = new ArrayList<>();
          for (Col col : writable) {
            values.add(literal(col, v, salt));
          }
          try {
            s.execute("INSERT INTO " + q + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values)
                + ")");
            List<String> k = new ArrayList<>();
            for (String kc : key) {
              k.add(literal(find(cols, kc), v, salt));
            }
            keys.add(k);
            done = true;
          } catch (SQLException e) {
            last = e.getMessage();
          }
        }
        if (!done) {
          return new Written(keys, "the server refused the generated row: " + last);
        }
      }
      if (!key.isEmpty() && keys.size() == 2) {
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < writable.size(); i++) {
          Col col = writable.get(i);
          if (!key.contains(col.name())) {
            sets.add(quote(col.name()) + " = " + (col.nullable() && i % 2 == 0 ? "NULL" : literal(col, 3, 0)));
          }
        }
        if (!sets.isEmpty()) {
          List<String> where = new ArrayList<>();
          for (int i = 0; i < key.size(); i++) {
            where.add(quote(key.get(i)) + " = " + keys.get(1).get(i));
          }
          try {
            s.execute("UPDATE " + q + " SET " + String.join(", ", sets) + " WHERE " + String.join(" AND ", where));
          } catch (SQLException e) {
            return new Written(keys, "the server refused the generated update: " + e.getMessage());
          }
        }
      }
    } catch (SQLException e) {
      return new Written(keys, e.getMessage());
    }
    return new Written(keys, null);
  }

  private static Col find(List<Col> cols, String name) {
    return cols.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElseThrow();
  }

  /** A literal of variant {@code v}; {@code salt} moves it away from values already in the table. */
  static String literal(Col c, int v, int salt) {
    int k = v + 3 * salt;
    boolean neg = v == 2 && salt % 2 == 0 && !c.unsigned();
    String sign = neg ? "-" : "";
    if (salt >= 2 && Set.of("tinyint", "smallint", "mediumint", "int", "bigint").contains(c.dataType())) {
      return String.valueOf(k); // small values for generated columns and checks that overflow on the large ones
    }
    return switch (c.dataType()) {
      case "tinyint" -> c.unsigned() ? String.valueOf(240 + k) : sign + (110 + k);
      case "smallint" -> c.unsigned() ? String.valueOf(65500 + k) : sign + (32700 + k);
      case "mediumint" -> c.unsigned() ? String.valueOf(16777200 + k) : sign + (8388600 + k);
      case "int" -> c.unsigned() ? String.valueOf(4294967200L + k) : sign + (2147483600L + k);
      case "bigint" -> c.unsigned() ? "1844674407370955" + (1500 + k) : sign + "922337203685477" + (5700 + k);
      case "decimal" -> decimal(c, k, sign);
      case "float", "double" -> sign + k + ".5";
      case "bit" -> String.valueOf(k & (c.precision() >= 62 ? Long.MAX_VALUE : (1L << c.precision()) - 1));
      case "char", "varchar" -> quoteText(text(c, k, c.maxLength()));
      case "tinytext", "text", "mediumtext", "longtext", "json" -> quoteText("{\"k\": \"" + text(c, k, 64) + "\"}");
      case "binary", "varbinary" -> bytes(k, (int) Math.min(c.maxLength(), 3));
      case "tinyblob", "blob", "mediumblob", "longblob" -> bytes(k, 4);
      case "enum", "set" -> member(c, k);
      case "date" -> "'2024-0" + (1 + k % 9) + "-1" + (k % 10) + "'";
      case "time" -> "'1" + (k % 10) + ":34:56" + fraction(c.fsp()) + "'";
      case "datetime" -> "'2024-05-1" + (k % 10) + " 12:34:56" + fraction(c.fsp()) + "'";
      case "timestamp" -> "'2021-06-1" + (k % 10) + " 08:09:10" + fraction(c.fsp()) + "'";
      case "year" -> String.valueOf(2000 + k);
      case "point", "geometry" -> "ST_GeomFromText('POINT(" + k + " 2)')";
      case "linestring" -> "ST_GeomFromText('LINESTRING(0 0," + k + " 1)')";
      case "polygon" -> "ST_GeomFromText('POLYGON((0 0," + k + " 0," + k + " " + k + ",0 0))')";
      case "multipoint" -> "ST_GeomFromText('MULTIPOINT(0 0," + k + " 1)')";
      case "multilinestring" -> "ST_GeomFromText('MULTILINESTRING((0 0," + k + " 1))')";
      case "multipolygon" -> "ST_GeomFromText('MULTIPOLYGON(((0 0," + k + " 0," + k + " " + k + ",0 0)))')";
      case "geometrycollection" -> "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(" + k + " 1))')";
      default -> c.nullable() ? "NULL" : "DEFAULT";
    };
  }

  private static String decimal(Col c, int k, String sign) {
    int intDigits = c.precision() - c.scale();
    String whole = intDigits <= 0 ? "0" : String.valueOf(k * 7 + 1).substring(0,
        Math.min(intDigits, String.valueOf(k * 7 + 1).length()));
    String frac = c.scale() == 0 ? "" : "." + "25".repeat(c.scale()).substring(0, c.scale());
    return sign + whole + frac;
  }

  private static String text(Col c, int k, long max) {
    String t = k + (c.charset() != null && WIDE_CHARSETS.contains(c.charset().toLowerCase(Locale.ROOT)) ? "é" : "e")
        + "-value";
    return t.substring(0, (int) Math.min(t.length(), Math.max(0, max)));
  }

  private static String fraction(int fsp) {
    return fsp <= 0 ? "" : "." + "123456".substring(0, fsp);
  }

  private static String bytes(int k, int n) {
    String hex = String.format("%02x", k + 1) + "fe41c3";
    return n <= 0 ? "''" : "X'" + hex.substring(0, 2 * n) + "'";
  }

  private static String member(Col c, int k) {
    List<String> members = new ArrayList<>();
    String t = c.columnType();
    int i = t.indexOf('(');
    while ((i = t.indexOf('\'', i)) >= 0) {
      StringBuilder m = new StringBuilder();
      int j = i + 1;
      while (j < t.length()) {
        if (t.charAt(j) == '\'' && j + 1 < t.length() && t.charAt(j + 1) == '\'') {
          m.append('\'');
          j += 2;
        } else if (t.charAt(j) == '\'') {
          break;
        } else {
          m.append(t.charAt(j++));
        }
      }
      members.add(m.toString());
      i = j + 1;
    }
    if (members.isEmpty()) {
      return "''";
    }
    String pick = members.get((k - 1) % members.size());
    if (c.dataType().equals("set") && members.size() > 1) {
      pick = pick + "," + members.get(k % members.size());
    }
    return quoteText(pick);
  }

  static String quoteText(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
