package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link FloatValuesIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("FloatValuesIT on MySQL 8.0")
class FloatValuesMySql8IT extends FloatValuesIT {
}
