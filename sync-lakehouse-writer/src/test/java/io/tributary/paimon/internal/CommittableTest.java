package io.tributary.paimon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.paimon.table.sink.CommitMessageSerializer;
import org.junit.jupiter.api.Test;

/** The committable keeps the direct syncs (format 2) and still reads a checkpoint written by format 1. */
class CommittableTest {

  @Test
  void directSyncs_roundTrip() throws Exception {
    Committable c = new Committable(7, 3, Map.of(), List.of("t__staging_p__x"), List.of("u__staging_p__y"));
    Committable back = Committable.deserialize(c.serialize());
    assertThat(back.checkpointId()).isEqualTo(7);
    assertThat(back.identifier()).isEqualTo(10);
    assertThat(back.drops()).containsExactly("t__staging_p__x");
    assertThat(back.direct()).containsExactly("u__staging_p__y");
  }

  @Test
  void formatOne_readsWithoutDirectSyncs() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeLong(5);
      out.writeLong(0);
      out.writeInt(new CommitMessageSerializer().getVersion());
      out.writeInt(0);
      out.writeInt(1);
      out.writeUTF("t__staging_p__x");
    }
    Committable c = Committable.deserialize(bytes.toByteArray());
    assertThat(c.checkpointId()).isEqualTo(5);
    assertThat(c.drops()).containsExactly("t__staging_p__x");
    assertThat(c.direct()).isEmpty();
  }
}
