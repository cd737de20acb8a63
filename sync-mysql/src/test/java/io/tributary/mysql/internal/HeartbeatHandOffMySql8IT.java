package io.tributary.mysql.internal;

import io.tributary.mysql.OnMySql8;
import org.junit.jupiter.api.DisplayName;

/** {@link HeartbeatHandOffIT} on MySQL 8.0 (GTID transactions). */
@OnMySql8
@DisplayName("HeartbeatHandOffIT on MySQL 8.0")
class HeartbeatHandOffMySql8IT extends HeartbeatHandOffIT {
}
