package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link OnlineSchemaChangeIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("OnlineSchemaChangeIT on MySQL 8.0")
class OnlineSchemaChangeMySql8IT extends OnlineSchemaChangeIT {
}
