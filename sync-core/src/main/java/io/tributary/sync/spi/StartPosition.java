package io.tributary.sync.spi;

import io.tributary.sync.event.SourcePosition;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a source's change log is read from when no checkpoint applies, or when the operator asks for a custom
 * start position.
 */
public sealed interface StartPosition {

  /** The log's current end: only changes made after the start are read. */
  static StartPosition latest() {
    return Latest.INSTANCE;
  }

  /** The oldest position the server still has. */
  static StartPosition earliest() {
    return Earliest.INSTANCE;
  }

  /** An exact position, typically one the source's position record was built with. */
  static StartPosition at(SourcePosition position) {
    return new At(position);
  }

  /** The first change committed at or after the instant (MySQL: the first binlog file whose events are newer). */
  static StartPosition timestamp(Instant instant) {
    return new Timestamp(instant);
  }

  /**
   * A position in the source's own text form, e.g. {@code mysql-bin.000003:4711}, {@code gtid:0-1-42} or
   * {@code 0/16B3748}; the source parses it and says what forms it takes when it cannot.
   */
  static StartPosition parse(String spec) {
    return new Spec(spec);
  }

  /** See {@link #latest()}. */
  enum Latest implements StartPosition { INSTANCE }

  /** See {@link #earliest()}. */
  enum Earliest implements StartPosition { INSTANCE }

  /** See {@link #at(SourcePosition)}. */
  record At(SourcePosition position) implements StartPosition {
    public At {
      Objects.requireNonNull(position, "position");
    }
  }

  /** See {@link #timestamp(Instant)}. */
  record Timestamp(Instant instant) implements StartPosition {
    public Timestamp {
      Objects.requireNonNull(instant, "instant");
    }
  }

  /** See {@link #parse(String)}. */
  record Spec(String text) implements StartPosition {
    public Spec {
      Objects.requireNonNull(text, "text");
    }
  }
}
