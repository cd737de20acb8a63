package io.tributary.paimon.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.table.sink.CommitMessageSerializer;

/**
 * What one checkpoint publishes: Paimon commit messages per table (targets and staging tables) and the staging
 * tables to drop once the commit is done. Serialized into the pipeline's checkpoint so a restarted run can finish
 * the commit; the format is versioned, and Paimon's own message serializer version is stored with the messages.
 * Format 2 adds the staging areas whose snapshot rows go straight into their target ({@code direct}): the restarted
 * run must go on that way, since their target already holds rows of that very sync (see {@code StagingWrites}).
 *
 * @param checkpointId     the checkpoint
 * @param identifierOffset added to the checkpoint id to get the Paimon commit identifier (see WriterCore)
 * @param messages     commit messages by Paimon table name
 * @param drops        staging tables to drop after the commit
 * @param direct       staging tables (by name) of the syncs writing their snapshot rows straight into the target
 */
record Committable(long checkpointId, long identifierOffset, Map<String, List<CommitMessage>> messages,
    List<String> drops, List<String> direct) {

  private static final int FORMAT = 2;

  public Committable {
    messages = new LinkedHashMap<>(messages);
    drops = List.copyOf(drops);
    direct = List.copyOf(direct);
  }

  public Committable(long checkpointId, long identifierOffset, Map<String, List<CommitMessage>> messages,
      List<String> drops) {
    this(checkpointId, identifierOffset, messages, drops, List.of());
  }

  /** The Paimon commit identifier of this checkpoint. */
  public long identifier() {
    return checkpointId + identifierOffset;
  }

  public byte[] serialize() throws IOException {
    CommitMessageSerializer serializer = new CommitMessageSerializer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeLong(checkpointId);
      out.writeLong(identifierOffset);
      out.writeInt(serializer.getVersion());
      out.writeInt(messages.size());
      for (Map.Entry<String, List<CommitMessage>> e : messages.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().size());
        for (CommitMessage m : e.getValue()) {
          byte[] b = serializer.serialize(m);
          out.writeInt(b.length);
          out.write(b);
        }
      }
      out.writeInt(drops.size());
      for (String d : drops) {
        out.writeUTF(d);
      }
      out.writeInt(direct.size());
      for (String d : direct) {
        out.writeUTF(d);
      }
    }
    return bytes.toByteArray();
  }

  public static Committable deserialize(byte[] data) throws IOException {
    CommitMessageSerializer serializer = new CommitMessageSerializer();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int format = in.readInt();
      if (format != FORMAT && format != 1) {
        throw new IOException("unknown Paimon committable format " + format + " (this writer reads " + FORMAT
            + "): was the checkpoint written by a newer Tributary?");
      }
      long id = in.readLong();
      long offset = in.readLong();
      int version = in.readInt();
      int tables = in.readInt();
      Map<String, List<CommitMessage>> messages = new LinkedHashMap<>();
      for (int t = 0; t < tables; t++) {
        String name = in.readUTF();
        int n = in.readInt();
        List<CommitMessage> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          byte[] b = new byte[in.readInt()];
          in.readFully(b);
          list.add(serializer.deserialize(version, b));
        }
        messages.put(name, list);
      }
      int drops = in.readInt();
      List<String> dropList = new ArrayList<>(drops);
      for (int i = 0; i < drops; i++) {
        dropList.add(in.readUTF());
      }
      List<String> direct = new ArrayList<>();
      for (int i = 0, n = format >= 2 ? in.readInt() : 0; i < n; i++) {
        direct.add(in.readUTF());
      }
      return new Committable(id, offset, messages, dropList, direct);
    }
  }
}
