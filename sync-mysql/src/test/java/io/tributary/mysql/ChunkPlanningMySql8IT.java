package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link ChunkPlanningIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("ChunkPlanningIT on MySQL 8.0")
class ChunkPlanningMySql8IT extends ChunkPlanningIT {
}
