package io.tributary.sync.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.TableId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook notifier against a local HTTP server: each format, rule filtering, and bad endpoints. */
class WebhookNotifierTest {

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/ok", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.createContext("/fail", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(500, -1);
      ex.close();
    });
    server.createContext("/hang", ex -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static final TableId T = TableId.of("mysql1", "shop", "orders");

  @Test
  void feishuFormat_textMessage() throws Exception {
    WebhookNotifier n = WebhookNotifier.builder(uri("/ok")).format(WebhookFormat.FEISHU).build();
    n.send(new SyncEvent.TableStopped("p1", Instant.EPOCH, T, "pk column different: [id] -> [id, v]",
        ErrorCode.SCHEMA_INCOMPATIBLE))
        .get(5, TimeUnit.SECONDS);
    assertThat(bodies).containsExactly("{\"msg_type\":\"text\",\"content\":{\"text\":\"[Tributary] Target table"
        + " change failure: pipeline p1 stopped table mysql1:shop.orders [SCHEMA_INCOMPATIBLE]: pk column different: [id] -> [id, v]\"}}");
    assertThat(n.delivered()).isEqualTo(1);
  }

  @Test
  void wecomFormat_textMessage_escapesJson() throws Exception {
    WebhookNotifier n = WebhookNotifier.builder(uri("/ok")).format(WebhookFormat.WECOM).build();
    n.send(new SyncEvent.PipelineFailed("p1", Instant.EPOCH, new IllegalStateException("bad \"quote\"\nline")))
        .get(5, TimeUnit.SECONDS);
    assertThat(bodies).containsExactly("{\"msgtype\":\"text\",\"text\":{\"content\":\"[Tributary] Task failure:"
        + " pipeline p1 failed [INTERNAL]: bad \\\"quote\\\"\\nline\"}}");
  }

  @Test
  void genericFormat_carriesDetails_andRulesFilterAlerts() throws Exception {
    WebhookNotifier n = WebhookNotifier.builder(uri("/ok")).rules(AlertRule.DATA_LATENCY).build();
    n.onEvent(new SyncEvent.Failover("p1", Instant.EPOCH, 1, new RuntimeException("x"))); // filtered out
    n.onEvent(new SyncEvent.LatencyAlert("p1", Instant.EPOCH, SyncEvent.LatencyKind.DATA, T.toString(), 9000, 5000,
        true));
    awaitCount(() -> n.delivered() == 1);
    assertThat(bodies).containsExactly("{\"pipeline\":\"p1\",\"alert\":\"DATA_LATENCY\",\"at\":\"1970-01-01T00:00:00Z\","
        + "\"summary\":\"pipeline p1 data latency of mysql1:shop.orders is 9000 ms (threshold 5000 ms)\","
        + "\"subject\":\"mysql1:shop.orders\",\"latencyMillis\":9000,\"thresholdMillis\":5000,\"exceeded\":true}");
  }

  @Test
  void lostPositionAndRetentionAlerts_carryTheirDetails() throws Exception {
    WebhookNotifier n = WebhookNotifier.builder(uri("/ok")).build();
    n.send(new SyncEvent.LogPositionLost("p1", Instant.EPOCH, "mysql1", "mysql-bin.000003:4", "mysql-bin.000009:120",
        List.of(T), "binlog purged")).get(5, TimeUnit.SECONDS);
    n.send(new SyncEvent.LogRetentionAlert("p1", Instant.EPOCH, "pg", "0/16B3748", true, 1024, null, "slot full"))
        .get(5, TimeUnit.SECONDS);
    assertThat(bodies.get(0)).startsWith("{\"pipeline\":\"p1\",\"alert\":\"LOST_LOG_POSITION\"")
        .contains("\"lostFrom\":\"mysql-bin.000003:4\"").contains("\"restartedAt\":\"mysql-bin.000009:120\"")
        .contains("re-syncing its 1 table(s)");
    assertThat(bodies.get(1)).contains("\"alert\":\"LOG_RETENTION\"").contains("\"atRisk\":true")
        .contains("\"bytesLeft\":1024").doesNotContain("secondsLeft").contains("1024 bytes left");
  }

  @Test
  void genericFormat_carriesTheCodeItsActionAndFix() throws Exception {
    WebhookNotifier n = WebhookNotifier.builder(uri("/ok")).build();
    n.send(new SyncEvent.Failover("p1", Instant.EPOCH, 3, SyncException.of(ErrorCode.SOURCE_UNREACHABLE,
        "source 'm': Connection refused", null))).get(5, TimeUnit.SECONDS);
    assertThat(bodies).singleElement().asString()
        .contains("\"summary\":\"pipeline p1 failover #3 [SOURCE_UNREACHABLE]: source 'm': Connection refused\"")
        .contains("\"code\":\"SOURCE_UNREACHABLE\",\"action\":\"RETRIED\",\"fix\":\"check host, port");
  }

  @Test
  void failingAndHangingEndpoints_areCountedAndNeverBlockTheCaller() throws Exception {
    WebhookNotifier failing = WebhookNotifier.builder(uri("/fail")).build();
    WebhookNotifier hanging = WebhookNotifier.builder(uri("/hang")).timeout(Duration.ofSeconds(30)).build();
    SyncEvent.Failover alert = new SyncEvent.Failover("p1", Instant.EPOCH, 2, new RuntimeException("reset"));
    for (int i = 0; i < 20; i++) {
      hanging.onEvent(alert);
      failing.onEvent(alert);
    }
    // Every call returned while the hanging server has answered none of them: the caller never waits.
    assertThat(hanging.delivered() + hanging.failed()).isZero();
    release.countDown(); // the server now closes the connections without a response
    awaitCount(() -> failing.failed() == 20 && hanging.failed() == 20);
    assertThat(failing.delivered() + hanging.delivered()).isZero();
  }

  @Test
  void requestTimeout_countsAsFailure() throws Exception {
    WebhookNotifier hanging = WebhookNotifier.builder(uri("/hang")).timeout(Duration.ofMillis(200)).build();
    hanging.send(new SyncEvent.Failover("p1", Instant.EPOCH, 1, new RuntimeException("x"))).get(10, TimeUnit.SECONDS);
    assertThat(hanging.failed()).isEqualTo(1);
  }

  /** Deliveries finish on the notifier's own threads: wait for the counts, never assert right after sending. */
  private static void awaitCount(java.util.function.BooleanSupplier done) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(done::getAsBoolean);
  }
}
