package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link TypesRoundTripIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("TypesRoundTripIT on MySQL 8.0")
class TypesRoundTripMySql8IT extends TypesRoundTripIT {
}
