package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link BinlogIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("BinlogIT on MySQL 8.0")
class BinlogMySql8IT extends BinlogIT {
}
