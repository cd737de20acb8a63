package io.tributary.mysql.internal;

import io.tributary.mysql.OnMySql8;
import org.junit.jupiter.api.DisplayName;

/** {@link DdlRandomizedIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("DdlRandomizedIT on MySQL 8.0")
class DdlRandomizedMySql8IT extends DdlRandomizedIT {
}
