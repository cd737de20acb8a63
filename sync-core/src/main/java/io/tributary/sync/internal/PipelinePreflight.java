package io.tributary.sync.internal;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogRetention;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's preflight, runnable while it is stopped: each source's own checks over the tables the pipeline
 * would capture, plus the retention of the source's checkpoint position (how long the server keeps it).
 */
final class PipelinePreflight {

  static final String RETENTION_CHECK = "log retention of the checkpoint position";

  private PipelinePreflight() {
  }

  static List<PreflightReport> run(PipelineConfig config, RetentionGuard retention) {
    TableSelection selection = TableSelection.select(config, config.sources());
    Map<String, LogRetention> retained = retention.check();
    List<PreflightReport> reports = new ArrayList<>();
    for (ChangeSource s : config.sources()) {
      PreflightReport own = s.preflight(selection.schemasOf(s.name()));
      List<PreflightCheck> checks = new ArrayList<>(own.checks());
      LogRetention r = retained.get(s.name());
      if (r != null) {
        checks.add(check(config, retention, r));
      }
      reports.add(new PreflightReport(own.source(), checks));
    }
    return reports;
  }

  private static PreflightCheck check(PipelineConfig config, RetentionGuard retention, LogRetention r) {
    String found = (r.lost() ? "gone: " : "") + r.detail() + (r.timeLeft() == null ? "" : "; at least "
        + r.timeLeft().toSeconds() + " s left") + (r.bytesLeft() < 0 ? "" : "; " + r.bytesLeft() + " bytes left");
    if (r.lost()) {
      return config.onLostLogPosition() == LostLogPosition.RESYNC
          ? PreflightCheck.warning(RETENTION_CHECK, found, "the start restarts the log at the current position and "
              + "re-syncs this source's tables (onLostLogPosition RESYNC)")
          : PreflightCheck.failed(RETENTION_CHECK, found, "the start will fail: restart from a current position and"
              + " re-sync the tables, or configure onLostLogPosition(LostLogPosition.RESYNC)");
    }
    if (retention.atRisk(r)) {
      return PreflightCheck.warning(RETENTION_CHECK, found, "start the pipeline soon so it catches up, or keep the"
          + " log longer (binlog_expire_logs_seconds, max_slot_wal_keep_size)");
    }
    return PreflightCheck.ok(RETENTION_CHECK, found);
  }
}
