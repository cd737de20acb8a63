package io.tributary.flink;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The FLIP-27 source of a Tributary job: log splits and snapshot chunk splits, emitting encoded source items. */
final class TributarySource implements Source<byte[], TributarySplit, EnumeratorState> {

  private static final long serialVersionUID = 1L;

  private final Definition definition;
  /** The job build's key: where the decision operator's coordinator finds the enumerator. */
  private final String key;

  TributarySource(Definition definition, String key) {
    this.definition = definition;
    this.key = key;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<TributarySplit, EnumeratorState> createEnumerator(
      SplitEnumeratorContext<TributarySplit> context) {
    return new ChunkEnumerator(context, definition, null, key);
  }

  @Override
  public SplitEnumerator<TributarySplit, EnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<TributarySplit> context, EnumeratorState checkpoint) {
    return new ChunkEnumerator(context, definition, checkpoint, key);
  }

  @Override
  public SimpleVersionedSerializer<TributarySplit> getSplitSerializer() {
    return TributarySplit.Serializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
    return new EnumeratorState.Serializer();
  }

  @Override
  public SourceReader<byte[], TributarySplit> createReader(SourceReaderContext readerContext) {
    return new TributaryReader(readerContext, definition);
  }
}
