package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DDL tracking of the decoder, fed synthetic query events (row decoding is covered by the ITs). */
class EventDecoderTest {

  private static final TableId T = TableId.of("s", "db", "t");
  private static final TableId U = TableId.of("s", "db", "u");

  private final List<ChangeEvent> events = new ArrayList<>();
  private long offset = 4;

  private EventDecoder decoder(TableId... captured) {
    Map<TableId, MySqlTable> tables = new HashMap<>();
    for (TableId id : captured) {
      tables.put(id, MySqlTable.of(id, List.of(ColumnTypes.map("id", "int", null, false),
          ColumnTypes.map("a", "varchar(10)", "utf8mb4", true)), List.of("id")));
    }
    return new EventDecoder("s", tables, MySqlPosition.of("mysql-bin.000001", 4), false, 0, id -> Optional.empty(),
        batch -> batch.forEach(p -> p.expand(events)));
  }

  private void query(EventDecoder decoder, String sql) throws InterruptedException {
    EventHeaderV4 h = new EventHeaderV4();
    h.setEventType(EventType.QUERY);
    h.setTimestamp(1_000);
    h.setEventLength(100);
    h.setNextPosition(offset += 100);
    QueryEventData q = new QueryEventData();
    q.setDatabase("db");
    q.setSql(sql);
    decoder.handle(new Event(h, q));
  }

  @Test
  void alterWithRenameOntoACapturedName_movesTheAlteredLayout_inEitherClauseOrder() throws Exception {
    for (String sql : List.of("ALTER TABLE t RENAME TO u, ADD COLUMN c INT",
        "ALTER TABLE t ADD COLUMN c INT, RENAME AS u")) {
      events.clear();
      EventDecoder decoder = decoder(T, U);
      query(decoder, "DROP TABLE u");
      query(decoder, sql);
      assertThat(events).extracting(e -> (Object) e.getClass())
          .containsExactly(TableDropped.class, TableDropped.class, SchemaChange.class);
      assertThat(((TableDropped) events.get(1)).table()).isEqualTo(T);
      assertThat(events.get(2)).isInstanceOfSatisfying(SchemaChange.class, s -> {
        assertThat(s.table()).isEqualTo(U);
        assertThat(s.newSchema().columnNames()).containsExactly("id", "a", "c");
      });
      assertThat(decoder.tables()).containsOnlyKeys(U);
      assertThat(decoder.tables().get(U).columns()).hasSize(3);
    }
  }

  @Test
  void alterWithRenameAway_isOnlyADrop() throws Exception {
    EventDecoder decoder = decoder(T);
    query(decoder, "ALTER TABLE t ADD COLUMN c INT, RENAME TO u");
    assertThat(events).singleElement().isInstanceOfSatisfying(TableDropped.class,
        d -> assertThat(d.table()).isEqualTo(T));
    assertThat(decoder.tables()).isEmpty();
  }

  @Test
  void ddlNotUnderstood_stopsThatTableAlone_withTheReason() throws Exception {
    EventDecoder decoder = decoder(T, U);
    query(decoder, "ALTER TABLE t FROBNICATE a");
    query(decoder, "ALTER TABLE u ADD COLUMN c INT");
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOfSatisfying(TableNeedsResync.class, n -> {
      assertThat(n.table()).isEqualTo(T);
      assertThat(n.reason()).contains("FROBNICATE a");
      assertThat(n.ddl()).isEqualTo("ALTER TABLE t FROBNICATE a");
      assertThat(n.newSchema()).isNull(); // the lookup knows nothing here
    });
    assertThat(events.get(1)).isInstanceOf(SchemaChange.class);
    assertThat(decoder.tables()).containsOnlyKeys(U);
    query(decoder, "DROP TABLE t"); // the stopped table without a layout is still reported gone
    assertThat(events.get(2)).isInstanceOfSatisfying(TableDropped.class, d -> assertThat(d.table()).isEqualTo(T));
  }

  @Test
  void partitionOperationsThatChangeRows_stopTheTables_withTheirLayouts() throws Exception {
    EventDecoder decoder = decoder(T, U);
    query(decoder, "ALTER TABLE t TRUNCATE PARTITION p0, p1");
    query(decoder, "ALTER TABLE t EXCHANGE PARTITION p2 WITH TABLE u");
    assertThat(events).extracting(e -> ((TableNeedsResync) e).table()).containsExactly(T, T, U);
    assertThat(events).allSatisfy(e -> assertThat(((TableNeedsResync) e).newSchema().columnNames())
        .containsExactly("id", "a"));
    assertThat(((TableNeedsResync) events.get(0)).reason()).contains("TRUNCATE PARTITION");
  }

  @Test
  void createOrReplace_ofATrackedTable_truncatesThenReplaces_andIfNotExistsKeepsIt() throws Exception {
    EventDecoder decoder = decoder(T);
    query(decoder, "CREATE TABLE IF NOT EXISTS t (x INT)");
    assertThat(events).isEmpty();
    query(decoder, "CREATE OR REPLACE TABLE t (id BIGINT PRIMARY KEY, b TEXT)");
    assertThat(events).extracting(e -> (Object) e.getClass())
        .containsExactly(TableTruncated.class, SchemaChange.class);
    assertThat(((SchemaChange) events.get(1)).newSchema().columnNames()).containsExactly("id", "b");
  }

  @Test
  void dropIndexPrimary_dropsTheTrackedKey() throws Exception {
    EventDecoder decoder = decoder(T);
    query(decoder, "DROP INDEX `PRIMARY` ON db.t");
    query(decoder, "DROP INDEX ix ON t");
    assertThat(events).singleElement().isInstanceOfSatisfying(SchemaChange.class,
        s -> assertThat(s.newSchema().primaryKey()).isEmpty());
  }
}
