package io.tributary.sync.alert;

import io.tributary.sync.SyncEvent;

/** How a webhook notification's body is shaped. */
public enum WebhookFormat {
  /** A generic JSON object: pipeline, alert rule, time, summary and the event's details. */
  GENERIC,
  /** A Feishu (Lark) group bot text message: {@code {"msg_type":"text","content":{"text":...}}}. */
  FEISHU,
  /** A WeCom (WeChat Work) group bot text message: {@code {"msgtype":"text","text":{"content":...}}}. */
  WECOM;

  String body(SyncEvent.Alert alert) {
    AlertRule rule = AlertRule.of(alert);
    String text = "[Tributary] " + rule.title() + ": " + alert.summary();
    return switch (this) {
      case FEISHU -> "{\"msg_type\":\"text\",\"content\":{\"text\":" + Json.string(text) + "}}";
      case WECOM -> "{\"msgtype\":\"text\",\"text\":{\"content\":" + Json.string(text) + "}}";
      case GENERIC -> generic(alert, rule);
    };
  }

  private static String generic(SyncEvent.Alert alert, AlertRule rule) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"pipeline\":").append(Json.string(alert.pipeline()));
    sb.append(",\"alert\":").append(Json.string(rule.name()));
    sb.append(",\"at\":").append(Json.string(alert.at().toString()));
    sb.append(",\"summary\":").append(Json.string(alert.summary()));
    if (alert.code() != null) {
      sb.append(",\"code\":").append(Json.string(alert.code().name()));
      sb.append(",\"action\":").append(Json.string(alert.code().action().name()));
      sb.append(",\"fix\":").append(Json.string(alert.code().fix()));
    }
    if (alert instanceof SyncEvent.TableStopped s) {
      sb.append(",\"table\":").append(Json.string(s.table().toString()));
      sb.append(",\"reason\":").append(Json.string(s.reason()));
    } else if (alert instanceof SyncEvent.Failover f) {
      sb.append(",\"failoverCount\":").append(f.failoverCount());
      sb.append(",\"cause\":").append(Json.string(String.valueOf(f.cause())));
    } else if (alert instanceof SyncEvent.PipelineFailed f) {
      sb.append(",\"cause\":").append(Json.string(String.valueOf(f.cause())));
    } else if (alert instanceof SyncEvent.LogPositionLost l) {
      sb.append(",\"source\":").append(Json.string(l.source()));
      sb.append(",\"lostFrom\":").append(Json.string(l.lostFrom()));
      sb.append(",\"restartedAt\":").append(Json.string(l.restartedAt()));
      sb.append(",\"tables\":").append(Json.string(l.tables().toString()));
    } else if (alert instanceof SyncEvent.LogRetentionAlert r) {
      sb.append(",\"source\":").append(Json.string(r.source()));
      sb.append(",\"position\":").append(Json.string(r.position()));
      sb.append(",\"atRisk\":").append(r.atRisk());
      sb.append(",\"bytesLeft\":").append(r.bytesLeft());
      if (r.timeLeft() != null) {
        sb.append(",\"secondsLeft\":").append(r.timeLeft().toSeconds());
      }
    } else if (alert instanceof SyncEvent.LatencyAlert l) {
      sb.append(",\"subject\":").append(Json.string(l.subject()));
      sb.append(",\"latencyMillis\":").append(l.latencyMillis());
      sb.append(",\"thresholdMillis\":").append(l.thresholdMillis());
      sb.append(",\"exceeded\":").append(l.exceeded());
    }
    return sb.append('}').toString();
  }

  /** Minimal JSON string quoting (RFC 8259). */
  static final class Json {
    private Json() {
    }

    static String string(String s) {
      StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.append('"').toString();
    }
  }
}
