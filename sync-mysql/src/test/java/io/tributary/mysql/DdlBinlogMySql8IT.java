package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link DdlBinlogIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("DdlBinlogIT on MySQL 8.0")
class DdlBinlogMySql8IT extends DdlBinlogIT {
}
