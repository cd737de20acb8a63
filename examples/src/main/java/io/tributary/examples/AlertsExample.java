package io.tributary.examples;

import com.sun.net.httpserver.HttpServer;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.alert.AlertRule;
import io.tributary.sync.alert.WebhookFormat;
import io.tributary.sync.alert.WebhookNotifier;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Alerts to a group-bot webhook with the built-in notifier: a local HTTP server stands in for a Feishu bot, and an
 * incompatible schema change (the primary key changes) stops one table, which posts a "target table change failure"
 * message; throws unless that alert arrived, the table is stopped and the pipeline goes on. Point the URI at a
 * real Feishu or WeCom bot to get it in your group chat.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q exec:java -pl examples
 * -Dexec.mainClass=io.tributary.examples.AlertsExample}
 */
public final class AlertsExample {

  public static void main(String[] args) throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    AtomicReference<String> firstAlert = new AtomicReference<>();
    HttpServer bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    bot.createContext("/bot", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      System.out.println("bot received: " + body);
      firstAlert.compareAndSet(null, body);
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      received.countDown();
    });
    bot.start();
    MemoryDatabase db = new MemoryDatabase("shop");
    TableId orders = db.tableId("sales", "sales", "orders");
    db.createTable(TableSchema.builder(orders).primaryKey("id", DataType.bigint()).column("v", DataType.intType())
        .build());
    URI webhook = URI.create("http://127.0.0.1:" + bot.getAddress().getPort() + "/bot");
    try (SyncPipeline pipeline = SyncPipeline.builder().name("alerts-example").source(db.source())
        .writer(new MemoryWriter(new MemoryWarehouse())).commitInterval(Duration.ofMillis(200))
        .dataLatencyThreshold(Duration.ofSeconds(30)).readLatencyThreshold(Duration.ofSeconds(60))
        .listener(WebhookNotifier.builder(webhook).format(WebhookFormat.FEISHU)
            .rules(AlertRule.TASK_FAILURE, AlertRule.FAILOVER, AlertRule.TARGET_TABLE_CHANGE_FAILURE,
                AlertRule.DATA_LATENCY, AlertRule.READ_CHECKPOINT_LATENCY).build())
        .build()) {
      pipeline.start(); // returns at once; changes count from when the log is open (state RUNNING)
      while (pipeline.status().state() != PipelineState.RUNNING) {
        Thread.sleep(10);
      }
      db.insert(orders, 1L, 1);
      db.alterTable(TableSchema.builder(orders).primaryKey("id", DataType.bigint())
          .primaryKey("v", DataType.intType()).build()); // pk column different: the table is stopped alone
      if (!received.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no alert arrived");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pipeline.status().table(orders).map(t -> t.phase() != TablePhase.BLACKLISTED).orElse(true)
          && System.nanoTime() < deadline) {
        Thread.sleep(10); // the status is a snapshot: it shows the stop shortly after the alert
      }
      pipeline.status().table(orders).ifPresent(t -> System.out.println(t.table() + " is " + t.phase() + ": "
          + t.reason()));
      ExampleChecks.check(firstAlert.get().contains(AlertRule.TARGET_TABLE_CHANGE_FAILURE.title()),
          "expected a \"" + AlertRule.TARGET_TABLE_CHANGE_FAILURE.title() + "\" alert, got " + firstAlert.get());
      TablePhase phase = pipeline.status().table(orders).map(t -> t.phase()).orElse(null);
      ExampleChecks.check(phase == TablePhase.BLACKLISTED, "orders should be stopped alone (BLACKLISTED), is "
          + phase);
      ExampleChecks.check(pipeline.status().state() == PipelineState.RUNNING,
          "the pipeline should go on running, is " + pipeline.status().state());
    } finally {
      bot.stop(0);
    }
  }
}
