package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link SnapshotWatermarkIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("SnapshotWatermarkIT on MySQL 8.0")
class SnapshotWatermarkMySql8IT extends SnapshotWatermarkIT {
}
