package io.tributary.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PgOutputTest {

  private static ByteBuffer message(IoConsumer body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {9, 9}); // leading bytes: the decoder must honour the buffer's position
    body.accept(out);
    return ByteBuffer.wrap(bytes.toByteArray(), 2, bytes.size() - 2);
  }

  interface IoConsumer {
    void accept(DataOutputStream out) throws IOException;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  @Test
  void begin_convertsPostgresEpochMicros() throws IOException {
    long micros = (Instant.parse("2024-01-01T00:00:00.123Z").toEpochMilli() - 946_684_800_000L) * 1000;
    PgOutput.Message m = PgOutput.decode(message(out -> {
      out.writeByte('B');
      out.writeLong(0x16B3748L);
      out.writeLong(micros);
      out.writeInt(42);
    }));
    assertThat(m).isEqualTo(new PgOutput.Begin(0x16B3748L, Instant.parse("2024-01-01T00:00:00.123Z")
        .toEpochMilli(), 42));
  }

  @Test
  void relationAndUpdate_withOldTupleNullsAndUnchangedToast() throws IOException {
    PgOutput.Relation r = (PgOutput.Relation) PgOutput.decode(message(out -> {
      out.writeByte('R');
      out.writeInt(1234);
      string(out, "");
      string(out, "tbl");
      out.writeByte('f');
      out.writeShort(2);
      out.writeByte(1);
      string(out, "id");
      out.writeInt(23);
      out.writeInt(-1);
      out.writeByte(0);
      string(out, "body");
      out.writeInt(25);
      out.writeInt(-1);
    }));
    assertThat(r.schema()).isEqualTo("pg_catalog");
    assertThat(r.columns()).containsExactly(new PgOutput.RelColumn(true, "id", 23, -1),
        new PgOutput.RelColumn(false, "body", 25, -1));

    PgOutput.Change u = (PgOutput.Change) PgOutput.decode(message(out -> {
      out.writeByte('U');
      out.writeInt(1234);
      out.writeByte('O');
      out.writeShort(2);
      out.writeByte('t');
      out.writeInt(1);
      out.write('7');
      out.writeByte('n');
      out.writeByte('N');
      out.writeShort(2);
      out.writeByte('t');
      out.writeInt(2);
      out.write("é".getBytes(StandardCharsets.UTF_8));
      out.writeByte('u');
    }));
    assertThat(u.op()).isEqualTo('U');
    assertThat(u.oldKind()).isEqualTo('O');
    assertThat(u.oldTuple().values()).containsExactly("7", null);
    assertThat(u.newTuple().values()).containsExactly("é", null);
    assertThat(u.newTuple().kinds()).containsExactly('t', 'u');
  }

  @Test
  void commitAndTruncate() throws IOException {
    PgOutput.Commit c = (PgOutput.Commit) PgOutput.decode(message(out -> {
      out.writeByte('C');
      out.writeByte(0);
      out.writeLong(100);
      out.writeLong(180);
      out.writeLong(0);
    }));
    assertThat(c.commitLsn()).isEqualTo(100);
    assertThat(c.endLsn()).isEqualTo(180);
    assertThat(c.commitMillis()).isEqualTo(946_684_800_000L);
    PgOutput.Truncate t = (PgOutput.Truncate) PgOutput.decode(message(out -> {
      out.writeByte('T');
      out.writeInt(2);
      out.writeByte(0);
      out.writeInt(5);
      out.writeInt(6);
    }));
    assertThat(t.relationOids()).containsExactly(5, 6);
  }
}
