package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link TableReplacementIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("TableReplacementIT on MySQL 8.0")
class TableReplacementMySql8IT extends TableReplacementIT {
}
