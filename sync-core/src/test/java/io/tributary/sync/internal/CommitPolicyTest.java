package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.memory.MemoryPosition;
import org.junit.jupiter.api.Test;

/** The commit rule as a pure function: reasons make a cut wanted; boundaries and the budget decide where. */
class CommitPolicyTest {

  @Test
  void atBoundary_onlyWhenNoSourceIsInsideATransaction() {
    SourcePosition between = new MemoryPosition(5);
    SourcePosition inside = new MemoryPosition(6, true);
    assertThat(cursors(between, between).atBoundary()).isTrue();
    assertThat(cursors(between, inside).atBoundary()).isFalse();
    assertThat(cursors((SourcePosition) null).atBoundary()).isTrue();
  }

  @Test
  void intervalMakesACutWanted_cutResetsIt_andRestartsTheInterval() {
    CommitPolicy p = new CommitPolicy(100, 1_000, 0);
    assertThat(p.intervalDue(99)).isFalse();
    assertThat(p.intervalDue(100)).isTrue();
    p.want(CommitPolicy.Reason.INTERVAL);
    assertThat(p.wanted()).isTrue();
    assertThat(p.wants(CommitPolicy.Reason.STOP)).isFalse();
    p.cut(150, 150);
    assertThat(p.wanted()).isFalse();
    assertThat(p.nextDue()).isEqualTo(250);
  }

  @Test
  void theIntervalCountsFromTheCutsStart_notFromItsCommitsEnd() {
    CommitPolicy p = new CommitPolicy(250, 1_000, 0);
    p.want(CommitPolicy.Reason.INTERVAL);
    p.cut(250, 300); // a 50 ms commit
    assertThat(p.nextDue()).isEqualTo(500); // one cut every 250 ms, not every 300 ms
  }

  @Test
  void aCommitSlowerThanTheInterval_stillLeavesHalfAnIntervalBeforeTheNextCut() {
    CommitPolicy p = new CommitPolicy(250, 1_000, 0);
    p.want(CommitPolicy.Reason.INTERVAL);
    p.cut(250, 900); // a 650 ms commit
    assertThat(p.nextDue()).isEqualTo(1_025);
    assertThat(p.intervalDue(1_000)).isFalse();
  }

  @Test
  void theDecidersCut_thenItsCommitsConfirmation_keepHalfAnIntervalAfterTheCommitsEnd() {
    CommitPolicy p = new CommitPolicy(250, 1_000, 0);
    p.cut(500, 500); // the decider cuts at its time, the cut's start
    assertThat(p.nextDue()).isEqualTo(750);
    p.committed(560); // a quick commit: the interval still counts from the cut's start
    assertThat(p.nextDue()).isEqualTo(750);
    p.committed(900); // a commit slower than the interval: half an interval after its end
    assertThat(p.nextDue()).isEqualTo(1_025);
  }

  @Test
  void splitDue_onlyAfterAWantedCutWaitedThroughTheBudget() {
    CommitPolicy p = new CommitPolicy(100, 1_000, 0);
    p.waited(5_000); // nothing wanted: reading is not waiting
    assertThat(p.splitDue()).isFalse();
    p.want(CommitPolicy.Reason.MERGE);
    p.waited(600);
    assertThat(p.splitDue()).isFalse();
    p.waited(600);
    assertThat(p.splitDue()).isTrue();
    p.cut(10, 10);
    assertThat(p.splitDue()).isFalse();
  }

  @Test
  void idleDue_atMostOncePerInterval_andOnlyWithUncommittedWrites() {
    CommitPolicy p = new CommitPolicy(100, 1_000, 0);
    assertThat(p.idleDue(10, true, false)).isFalse();
    assertThat(p.idleDue(10, false, true)).isFalse();
    assertThat(p.idleDue(10, true, true)).isTrue();
    assertThat(p.idleDue(50, true, true)).isFalse();
    assertThat(p.idleDue(110, true, true)).isTrue();
  }

  @Test
  void aCut_countsAsTheIntervalsIdleCommit_soNoTinyCommitFollowsIt() {
    CommitPolicy p = new CommitPolicy(250, 1_000, 0);
    p.want(CommitPolicy.Reason.INTERVAL);
    p.cut(250, 270);
    assertThat(p.idleDue(280, true, true)).as("idle right after the interval's cut").isFalse();
    assertThat(p.idleDue(499, true, true)).isFalse();
    assertThat(p.idleDue(500, true, true)).isTrue();
  }

  /** The run's cursors standing at {@code positions}, one source each. */
  private static SourceCursors cursors(SourcePosition... positions) {
    SourceCursors c = new SourceCursors(positions.length);
    for (int i = 0; i < positions.length; i++) {
      c.get(i).position = positions[i];
    }
    return c;
  }
}
