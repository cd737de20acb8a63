package io.tributary.examples.typematrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.mysql.internal.ColumnTypes;
import io.tributary.mysql.internal.MySqlColumn;
import io.tributary.paimon.internal.TypeMapping;
import io.tributary.postgres.internal.Codec;
import io.tributary.postgres.internal.ColumnType;
import io.tributary.postgres.internal.PgType;
import io.tributary.postgres.internal.TypeMapper;
import io.tributary.postgres.internal.TypeRegistry;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/types.md against the code: each row's source type must map to the documented Tributary and Paimon types
 * (or be refused when documented so), and every decoding family of each source must have a row.
 */
class TypeMappingDocTest {

  private static final Path DOC = Path.of("..", "docs", "types.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|.*$");
  private static final Pattern CHARSET = Pattern.compile("(.*) character set (\\w+)");
  private static final Pattern PG = Pattern.compile("(\\w+)(?:\\((\\d+)(?:,(\\d+))?\\))?(\\[])?");

  record DocRow(String source, String tributary, String paimon) {
  }

  @Test
  void mysqlRows_matchColumnTypesAndTypeMapping_andCoverEveryFamily() throws Exception {
    Set<MySqlColumn.Family> covered = EnumSet.noneOf(MySqlColumn.Family.class);
    List<DocRow> rows = rows("## MySQL and MariaDB");
    assertThat(rows).hasSizeGreaterThan(30);
    for (DocRow r : rows) {
      Matcher m = CHARSET.matcher(r.source());
      String type = m.matches() ? m.group(1) : r.source();
      String charset = m.matches() ? m.group(2) : null;
      if (r.tributary().equals("refused")) {
        assertThatThrownBy(() -> ColumnTypes.map("c", type, charset, true)).as(r.source())
            .isInstanceOf(SyncException.class).hasMessageContaining("cannot decode");
        continue;
      }
      MySqlColumn c = ColumnTypes.map("c", type, charset, true);
      covered.add(c.family());
      check(r, c.type());
    }
    assertThat(covered).as("MySQL families documented").containsExactlyInAnyOrder(MySqlColumn.Family.values());
  }

  @Test
  void postgresRows_matchTypeMapperAndTypeMapping_andCoverEveryCodec() throws Exception {
    Set<Codec> covered = EnumSet.noneOf(Codec.class);
    List<DocRow> rows = rows("## PostgreSQL");
    assertThat(rows).hasSizeGreaterThan(25);
    for (DocRow r : rows) {
      Matcher m = PG.matcher(r.source());
      assertThat(m.matches()).as("PostgreSQL type text %s", r.source()).isTrue();
      String name = m.group(1);
      int typmod = typmod(name, m.group(2), m.group(3));
      PgType base = new PgType(1, "pg_catalog", name, 'b', 'X', 0, 0, -1);
      PgType type = m.group(4) == null ? base : new PgType(2, "pg_catalog", "_" + name, 'b', 'A', 1, 0, -1);
      ColumnType mapped = TypeMapper.map(type, typmod, TypeRegistry.of(List.of(base, type)));
      covered.add(mapped.codec());
      if (mapped.elementCodec() != null) {
        covered.add(mapped.elementCodec());
      }
      check(r, mapped.dataType());
    }
    assertThat(covered).as("PostgreSQL codecs documented").containsExactlyInAnyOrder(Codec.values());
  }

  private static void check(DocRow r, DataType type) {
    assertThat(type.toString()).as("Tributary type of %s", r.source()).isEqualTo(r.tributary());
    assertThat(TypeMapping.toPaimon(type).asSQLString()).as("Paimon type of %s", r.source()).isEqualTo(r.paimon());
  }

  private static int typmod(String name, String a, String b) {
    if (a == null) {
      return -1;
    }
    int p = Integer.parseInt(a);
    return switch (name) {
      case "numeric" -> ((p << 16) | (b == null ? 0 : Integer.parseInt(b))) + 4;
      case "varchar", "bpchar" -> p + 4;
      default -> p;
    };
  }

  /** The table rows of the section headed {@code heading}. */
  private static List<DocRow> rows(String heading) throws Exception {
    List<DocRow> out = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        in = line.equals(heading);
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (in && m.matches()) {
        out.add(new DocRow(m.group(1).toLowerCase(Locale.ROOT), m.group(2).trim(), m.group(3).trim()));
      }
    }
    return out;
  }
}
