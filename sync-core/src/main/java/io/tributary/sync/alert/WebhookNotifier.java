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
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private WebhookNotifier(Builder b) {
    this.uri = b.uri;
    this.format = b.format;
    this.rules = EnumSet.copyOf(b.rules);
    this.timeout = b.timeout;
    this.client = b.client != null ? b.client
        : HttpClient.newBuilder().connectTimeout(b.timeout).build();
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
        LOG.warn("webhook {} to {}://{} failed: {}", AlertRule.of(alert), uri.getScheme(), uri.getAuthority(),
            error != null ? error.toString() : "HTTP " + response.statusCode());
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

    public WebhookNotifier build() {
      return new WebhookNotifier(this);
    }
  }
}
