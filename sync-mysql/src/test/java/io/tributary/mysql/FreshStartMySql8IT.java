package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link FreshStartIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("FreshStartIT on MySQL 8.0")
class FreshStartMySql8IT extends FreshStartIT {
}
