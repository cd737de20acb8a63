package io.tributary.sync;

import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;

/** A source failed its preflight checks; the message lists every failed check with the value found and the fix. */
public class PreflightException extends SyncException {

  private static final long serialVersionUID = 1L;

  private final transient PreflightReport report;

  public PreflightException(PreflightReport report) {
    super(ErrorCode.PREFLIGHT_FAILED, describe(report));
    this.report = report;
  }

  public PreflightReport report() {
    return report;
  }

  private static String describe(PreflightReport report) {
    StringBuilder sb = new StringBuilder("source '").append(report.source()).append("' failed preflight:");
    for (PreflightCheck c : report.failures()) {
      sb.append("\n  - ").append(c.name()).append(" is ").append(c.found()).append(": ").append(c.fix());
    }
    return sb.toString();
  }
}
