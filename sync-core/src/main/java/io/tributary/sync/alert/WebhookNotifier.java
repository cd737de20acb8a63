package io.tributary.sync.alert;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.spi.SyncListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the pipeline's alerts to a webhook: a Feishu or WeCom group bot, or any endpoint taking generic JSON. Sends
 * asynchronously with a timeout, so a slow, hanging or failing endpoint never delays the pipeline or other
 * listeners; failures are logged (without the URL's secret path) and counted.
 *
 * <pre>{@code
 * .listener(WebhookNotifier.builder(URI.create(feishuBotUrl)).format(WebhookFormat.FEISHU)
 *     .rules(AlertRule.TASK_FAILURE, AlertRule.FAILOVER, AlertRule.DATA_LATENCY).build())
 * }</pre>
 */
public final class WebhookNotifier implements SyncListener {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final URI uri;
  private final WebhookFormat format;
  private final Set<AlertRule> rules;
  private final Duration timeout;
  private final HttpClient client;
  private static final AtomicLong THREADS = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private WebhookNotifier(Builder b) {
    this.uri = b.uri;
    this.format = b.format;
    this.rules = EnumSet.copyOf(b.rules);
    this.timeout = b.timeout;
    // The client's completion work runs on threads from the host's factory (default: named daemon threads); the
    // JDK still starts the client's one selector thread itself.
    this.client = b.client != null ? b.client
        : HttpClient.newBuilder().connectTimeout(b.timeout)
            .executor(java.util.concurrent.Executors.newCachedThreadPool(b.threads != null ? b.threads : r -> {
              Thread t = new Thread(r, "tributary-webhook-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            })).build();
  }

  public static Builder builder(URI webhook) {
    return new Builder(webhook);
  }

  @Override
  public void onEvent(SyncEvent event) {
    if (event instanceof SyncEvent.Alert alert && rules.contains(AlertRule.of(alert))) {
      send(alert);
    }
  }

  /** Sends one alert; the future completes when the endpoint answered (or the send failed). */
  public CompletableFuture<Void> send(SyncEvent.Alert alert) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(format.body(alert), StandardCharsets.UTF_8)).build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
      if (error == null && response.statusCode() / 100 == 2) {
        delivered.incrementAndGet();
      } else {
        failed.incrementAndGet();
        org.slf4j.MDC.put(io.tributary.sync.LogKeys.PIPELINE, alert.pipeline()); // a client thread: no keys yet
        LOG.warn("webhook {} to {}://{} failed: {}", AlertRule.of(alert), uri.getScheme(), uri.getAuthority(),
            error != null ? error.toString() : "HTTP " + response.statusCode());
        org.slf4j.MDC.remove(io.tributary.sync.LogKeys.PIPELINE);
      }
      return null;
    });
  }

  /** Alerts the endpoint accepted (2xx). */
  public long delivered() {
    return delivered.get();
  }

  /** Alerts that failed (error, timeout or non-2xx). */
  public long failed() {
    return failed.get();
  }

  /** Builds a {@link WebhookNotifier}; every alert rule is on by default. */
  public static final class Builder {
    private final URI uri;
    private WebhookFormat format = WebhookFormat.GENERIC;
    private Set<AlertRule> rules = EnumSet.allOf(AlertRule.class);
    private Duration timeout = Duration.ofSeconds(5);
    private HttpClient client;
    private java.util.concurrent.ThreadFactory threads;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "webhook");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("webhook must be an http(s) URL, got scheme " + uri.getScheme());
      }
    }

    public Builder format(WebhookFormat value) {
      format = Objects.requireNonNull(value, "format");
      return this;
    }

    /** Only these alerts are sent. */
    public Builder rules(AlertRule... value) {
      if (value.length == 0) {
        throw new IllegalArgumentException("at least one alert rule is needed");
      }
      rules = EnumSet.copyOf(Set.of(value));
      return this;
    }

    /** Connect and request timeout; default 5 s. */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "timeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + value);
      }
      timeout = value;
      return this;
    }

    /** The HTTP client to use (proxies, TLS); default a new one. */
    public Builder httpClient(HttpClient value) {
      client = Objects.requireNonNull(value, "httpClient");
      return this;
    }

    /**
     * Makes the threads that complete the default HTTP client's requests (and log a failed send); default named
     * daemon threads. Not with {@link #httpClient}: that client brings its own executor.
     */
    public Builder threadFactory(java.util.concurrent.ThreadFactory value) {
      threads = Objects.requireNonNull(value, "threadFactory");
      return this;
    }

    public WebhookNotifier build() {
      if (client != null && threads != null) {
        throw new IllegalStateException("threadFactory and httpClient are exclusive: give the HTTP client an "
            + "executor with your threads (HttpClient.newBuilder().executor(...)) instead");
      }
      return new WebhookNotifier(this);
    }
  }
}
