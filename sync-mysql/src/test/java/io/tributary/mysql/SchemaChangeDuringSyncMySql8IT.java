package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link SchemaChangeDuringSyncIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("SchemaChangeDuringSyncIT on MySQL 8.0")
class SchemaChangeDuringSyncMySql8IT extends SchemaChangeDuringSyncIT {
}
