package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.SyncException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BinlogErrorsTest {

  private static final MySqlPosition AT = MySqlPosition.of("mysql-bin.010937", 432041283);
  private static final MySqlPosition NOW = MySqlPosition.of("mysql-bin.011000", 4);

  private static SyncException classify(Throwable e) {
    return BinlogErrors.classify("src", e, AT, () -> NOW);
  }

  @Test
  void error1236_purged_isPositionUnavailable_withCurrentPositionAndResync() {
    SyncException e = classify(new ServerException("Could not find first log file name in binary log index file",
        1236, "HY000"));
    assertThat(e).isInstanceOf(PositionUnavailableException.class);
    assertThat(e.isRetriable()).isFalse();
    assertThat(e.getMessage()).contains("mysql-bin.010937:432041283").contains("mysql-bin.011000:4")
        .contains("re-sync");
  }

  @Test
  void error1236_packetTooLarge_isFatal_sayingRaiseMaxAllowedPacket() {
    SyncException e = classify(new ServerException("log event entry exceeded max_allowed_packet; Increase "
        + "max_allowed_packet on master", 1236, "HY000"));
    assertThat(e.isRetriable()).isFalse();
    assertThat(e).isNotInstanceOf(PositionUnavailableException.class);
    assertThat(e.getMessage()).contains("max_allowed_packet=1073741824").contains("newer position");
  }

  @Test
  void serverIdConflict_isRecognized_andFatalWhenReported() {
    ServerException conflict = new ServerException("A slave with the same server_uuid/server_id as this slave has "
        + "connected to the master", 1236, "HY000");
    assertThat(BinlogErrors.isServerIdConflict(conflict)).isTrue();
    assertThat(classify(conflict).isRetriable()).isFalse();
    assertThat(classify(conflict).getMessage()).contains("serverIdRange");
  }

  @Test
  void deserializationFailureAndConnectionReset_areRetriable() {
    assertThat(classify(new EventDataDeserializationException(null, new IOException("EOF"))).isRetriable())
        .isTrue();
    SyncException reset = classify(new IOException("Connection reset"));
    assertThat(reset.isRetriable()).isTrue();
    assertThat(reset.getMessage()).contains("slave_net_timeout");
  }
}
