package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * MySQL's PARTIAL_UPDATE_ROWS_EVENT (binlog_row_value_options=PARTIAL_JSON, settable per session): its after image
 * holds JSON diffs, not documents, which a target cannot apply without the current document. The binlog library
 * has no reader for it and passed it by, so those updates were lost silently; this reads the table id only, and
 * the decoder stops the table with the reason.
 *
 * @param tableId the TABLE_MAP id the event refers to
 */
record PartialUpdateRows(long tableId) implements EventData {

  /** Reads the table id (6 bytes at the start of the post-header); the library skips the rest of the event. */
  static final class Deserializer implements EventDataDeserializer<PartialUpdateRows> {
    @Override
    public PartialUpdateRows deserialize(ByteArrayInputStream in) throws IOException {
      return new PartialUpdateRows(in.readLong(6));
    }
  }
}
