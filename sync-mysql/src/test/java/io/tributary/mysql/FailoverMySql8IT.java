package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link FailoverIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("FailoverIT on MySQL 8.0")
class FailoverMySql8IT extends FailoverIT {
}
