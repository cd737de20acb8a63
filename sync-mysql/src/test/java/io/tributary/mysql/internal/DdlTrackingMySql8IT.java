package io.tributary.mysql.internal;

import io.tributary.mysql.OnMySql8;
import org.junit.jupiter.api.DisplayName;

/** {@link DdlTrackingIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("DdlTrackingIT on MySQL 8.0")
class DdlTrackingMySql8IT extends DdlTrackingIT {
}
