package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.Seeds;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FLOAT, DOUBLE and DECIMAL values read by the snapshot equal the log's and the server's stored value exactly: the
 * text protocol prints a FLOAT with 6 significant digits, which once turned -13548.25 into -13548.2.
 */
class FloatValuesIT {

  private static final String DB = "float_values_it";
  private static final String[] EDGES = {
    "-13548.25", "0.1", "1.4E-45", "3.40282e38", "-3.40282e38", "1.17549435E-38", "16777217", "-0e0", "0",
    "123456.789", "1e-30",
  };
  private static final String[] DOUBLE_EDGES = {
    "1.7976931348623157E308", "4.9E-324", "-0e0", "0.1e0 + 0.2e0", "2.2250738585072014E-308", "-1e-300",
    "9007199254740993", "0.30000000000000004", "123456789.12345678",
  };

  /** Over both protocols: the binary one (the default) and the text one a user may choose. */
  @ParameterizedTest(name = "useServerPrepStmts={0}")
  @ValueSource(booleans = {true, false})
  void floatDoubleAndDecimal_snapshotEqualsLogEqualsServer_forRandomAndEdgeValues(boolean binary) throws Exception {
    long seed = Seeds.one(); // re-run one with -Dtributary.seed=N
    System.out.println("FloatValuesIT seed=" + seed);
    Random rnd = new Random(seed);
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, f FLOAT, fd FLOAT(12,4), d DOUBLE, n DECIMAL(38,19), k INT)");
    try (MySqlSource source = Sources.builder(DB).connectionOption("useServerPrepStmts", String.valueOf(binary))
        .build()) {
      TableSchema schema = source.discoverTables().get(0);
      int rows = 200;
      List<String> inserts = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        inserts.add("INSERT INTO " + DB + ".t VALUES (" + i + ", " + floatText(rnd, i) + ", "
            + (rnd.nextFloat() - 0.5f) * 1e6f + ", " + doubleText(rnd, i) + ", " + decimalText(rnd) + ", 0)");
      }
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute(inserts.toArray(String[]::new));
        List<Row> inserted = after(Sources.readUntil(log, Sources.atLeast(rows), Duration.ofSeconds(30)));
        Map<Integer, Row> server = serverValues();
        assertThat(server.get(0).get(1)).isEqualTo(-13548.25f);
        assertSame(byId(Chunks.readAll(source, schema, 37)), server);
        assertSame(byId(inserted), server);

        List<String> updates = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
          updates.add("UPDATE " + DB + ".t SET f = " + floatText(rnd, i + 3) + ", d = " + doubleText(rnd, i + 5)
              + ", k = k + 1 WHERE id = " + i);
        }
        MySqlTestServer.execute(updates.toArray(String[]::new));
        List<Row> updated = after(Sources.readUntil(log, Sources.atLeast(rows), Duration.ofSeconds(30)));
        Map<Integer, Row> serverAfter = serverValues();
        assertSame(byId(Chunks.readAll(source, schema, 37)), serverAfter);
        assertSame(byId(updated), serverAfter);
      }
    }
  }

  /** Cell by cell, so a failure names the row, the column and both values (and Float.equals tells -0 from 0). */
  private static void assertSame(Map<Integer, Row> actual, Map<Integer, Row> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<Integer, Row> e : expected.entrySet()) {
      for (int c = 0; c < 6; c++) {
        assertThat(actual.get(e.getKey()).get(c)).as("id %d column %d", e.getKey(), c)
            .isEqualTo(e.getValue().get(c));
      }
    }
  }

  private static String floatText(Random rnd, int i) {
    if (i < EDGES.length) {
      return EDGES[i];
    }
    float f;
    do {
      f = Float.intBitsToFloat(rnd.nextInt());
    } while (!Float.isFinite(f) || Math.abs(f) > 3.4e38f);
    return i % 2 == 0 ? Float.toString(f) : Float.toString((float) ((rnd.nextDouble() - 0.5) * 1e5));
  }

  private static String doubleText(Random rnd, int i) {
    if (i < DOUBLE_EDGES.length) {
      return DOUBLE_EDGES[i];
    }
    double d;
    do {
      d = Double.longBitsToDouble(rnd.nextLong());
    } while (!Double.isFinite(d));
    return i % 2 == 0 ? Double.toString(d) : Double.toString((rnd.nextDouble() - 0.5) * 1e9);
  }

  private static String decimalText(Random rnd) {
    return new BigDecimal(new java.math.BigInteger(120, rnd), 19).remainder(BigDecimal.TEN.pow(19)).toPlainString();
  }

  /**
   * The stored values as the server holds them: a FLOAT widened to DOUBLE (exact) and printed in full, so narrowing
   * it back gives the stored float; DOUBLE and DECIMAL as printed (their exactness is checked against the binlog's
   * binary values, which the test requires the snapshot to equal).
   */
  private static Map<Integer, Row> serverValues() throws Exception {
    Map<Integer, Row> out = new HashMap<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, CAST(f AS DOUBLE), CAST(fd AS DOUBLE), d, n, k FROM " + DB + ".t")) {
      while (rs.next()) {
        out.put(rs.getInt(1), Row.of(rs.getInt(1), narrow(rs.getString(2)), narrow(rs.getString(3)),
            rs.getString(4) == null ? null : Double.parseDouble(rs.getString(4)), rs.getBigDecimal(5), rs.getInt(6)));
      }
    }
    return out;
  }

  private static Float narrow(String doubleText) {
    if (doubleText == null) {
      return null;
    }
    double d = Double.parseDouble(doubleText);
    float f = (float) d;
    assertThat((double) f).as("a FLOAT's double is a float").isEqualTo(d);
    return f;
  }

  private static List<Row> after(List<ChangeEvent> events) {
    return events.stream().map(e -> ((RowChange) e).after()).toList();
  }

  private static Map<Integer, Row> byId(List<Row> rows) {
    Map<Integer, Row> out = new HashMap<>();
    rows.forEach(r -> out.put((Integer) r.get(0), r));
    return out;
  }
}
