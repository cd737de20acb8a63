package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.spi.ChangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flink state holds encoded items (the decision operator's held items and waiting chunks, the writer subtasks' held
 * operations and target layouts): state saved by an earlier build must still be read. {@code legacy-formats.txt}
 * holds {@link WireSamples#fixedItems} as the build before the wire format change (session 8, 6fb63e0: source items
 * version 2, write operations version 1) encoded them; this build must decode every one to the same item.
 * Regenerate a file for a format being frozen with {@code -Dtributary.wire.freeze=<file>}.
 */
class WireCompatibilityTest {

  private final List<ChangeSource> sources = List.of(new MemoryDatabase("mem").source());

  @Test
  void aVersionFromANewerBuild_isRefusedNamingIt() {
    byte[] bytes = SourceItem.encode(new SourceItem.ChunkDone(WireSamples.T, 1, 2, WireSamples.everyKind(WireSamples.T),
        3, 4));
    bytes[0] = (byte) (SourceItem.VERSION + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceItem.decode(bytes, sources))
        .hasMessageContaining("source item of version 4, this build reads 1 to 3");
    byte[] op = WriteOp.encode(new WriteOp.Drop("s"));
    op[0] = (byte) (WriteOp.VERSION + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WriteOp.decode(op))
        .hasMessageContaining("write operation of version 3, this build reads 1 to 2");
  }

  @Test
  void itemsSavedByTheFormerFormat_areReadBack() throws IOException {
    String freeze = System.getProperty("tributary.wire.freeze");
    if (freeze != null) {
      StringBuilder sb = new StringBuilder();
      WireSamples.fixedItems().forEach((name, item) -> sb.append(name).append(' ')
          .append(HexFormat.of().formatHex(encode(item))).append('\n'));
      Files.writeString(Path.of(freeze), sb);
      return;
    }
    Map<String, byte[]> saved = load("legacy-formats.txt");
    Map<String, Object> items = WireSamples.fixedItems();
    Map<String, Object> asSaved = WireSamples.fixedItems(true);
    assertThat(saved.keySet()).containsExactlyElementsOf(items.keySet());
    for (Map.Entry<String, Object> e : items.entrySet()) {
      byte[] bytes = saved.get(e.getKey());
      assertThat(bytes[0]).as("the saved bytes are of the former version").isEqualTo(
          e.getValue() instanceof SourceItem ? (byte) 2 : (byte) 1);
      assertSame(e.getKey(), decode(e.getValue(), bytes), asSaved.get(e.getKey()));
      // and the current format gives back the same item, unpaired surrogates included
      byte[] now = encode(e.getValue());
      assertThat(now[0]).isEqualTo(e.getValue() instanceof SourceItem ? SourceItem.VERSION : WriteOp.VERSION);
      assertSame(e.getKey(), decode(e.getValue(), now), e.getValue());
    }
  }

  private byte[] encode(Object item) {
    return item instanceof SourceItem s ? SourceItem.encode(s) : WriteOp.encode((WriteOp) item);
  }

  private Object decode(Object like, byte[] bytes) {
    return like instanceof SourceItem ? SourceItem.decode(bytes, sources) : WriteOp.decode(bytes);
  }

  static void assertSame(String name, Object back, Object item) {
    if (item instanceof SourceItem.LogOpened o) {
      SourceItem.LogOpened b = (SourceItem.LogOpened) back;
      assertThat(b.sourceIndex()).isEqualTo(o.sourceIndex());
      assertThat(b.position()).isEqualTo(o.position());
      assertThat(b.plans()).isEqualTo(o.plans());
    } else if (item instanceof SourceItem.LogBatch l) {
      List<?> events = ((SourceItem.LogBatch) back).events();
      assertThat(events).as(name).hasSameSizeAs(l.events());
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i) instanceof io.tributary.sync.event.RowChange rb) {
          io.tributary.sync.event.RowChange ra = (io.tributary.sync.event.RowChange) l.events().get(i);
          assertThat(rb.before()).as(name + " event " + i + " before").isEqualTo(ra.before());
          assertThat(rb.after()).as(name + " event " + i + " after").isEqualTo(ra.after());
          assertThat(rb.unchanged()).as(name + " event " + i + " unchanged").isEqualTo(ra.unchanged());
        }
        assertThat(events.get(i)).as(name + " event " + i).isEqualTo(l.events().get(i));
      }
      assertThat(back).as(name).isEqualTo(item);
    } else if (item instanceof WriteOp.Write w) {
      WriteOp.Write b = (WriteOp.Write) back;
      assertThat(b.staging()).as(name).isEqualTo(w.staging());
      assertThat(WireSamples.describe(b.batch())).as(name).isEqualTo(WireSamples.describe(w.batch()));
      for (int i = 0; i < w.batch().size(); i++) {
        assertThat(b.batch().row(i)).as(name).isEqualTo(w.batch().row(i));
      }
    } else {
      assertThat(back).as(name).isEqualTo(item);
    }
  }

  private static Map<String, byte[]> load(String resource) throws IOException {
    Map<String, byte[]> items = new LinkedHashMap<>();
    try (InputStream in = WireCompatibilityTest.class.getResourceAsStream(resource)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank()) {
          int sp = line.indexOf(' ');
          items.put(line.substring(0, sp), HexFormat.of().parseHex(line.substring(sp + 1)));
        }
      }
    }
    return items;
  }
}
