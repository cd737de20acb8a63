package io.tributary.mysql;

import org.junit.jupiter.api.DisplayName;

/** {@link DdlPipelineIT} on MySQL 8.0. */
@OnMySql8
@DisplayName("DdlPipelineIT on MySQL 8.0")
class DdlPipelineMySql8IT extends DdlPipelineIT {
}
