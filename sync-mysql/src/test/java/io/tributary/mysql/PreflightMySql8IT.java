package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link PreflightIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("PreflightIT on MySQL 8.0")
class PreflightMySql8IT extends PreflightIT {
}
