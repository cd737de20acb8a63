package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link CaughtUpIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("CaughtUpIT on MySQL 8.0")
class CaughtUpMySql8IT extends CaughtUpIT {
}
