package io.tributary.mysql.internal;

import java.util.Locale;

/**
 * Which server a binlog position was read on: MySQL's {@code server_uuid} (generated once per data directory, so a
 * replica always differs from its primary), or MariaDB's {@code server_id} (MariaDB has no UUID; replication
 * requires distinct ids, so a promoted replica differs from the old primary). Recorded in every position as
 * {@code server_uuid=...@host:port} / {@code server_id=...@host:port}; only the part before {@code @} identifies
 * the server, the address names it in messages.
 */
public record ServerIdentity(String id, String address) {

  /** Reads the identity of the server {@code jdbc} connects to. */
  public static ServerIdentity read(Jdbc jdbc, boolean mariaDb, String host, int port) {
    String id = mariaDb ? "server_id=" + jdbc.queryString("SELECT @@global.server_id")
        : "server_uuid=" + jdbc.queryString("SELECT @@global.server_uuid");
    return new ServerIdentity(id, host + ":" + port);
  }

  /** Parses {@link #encoded()}; an empty string (unknown server) gives null. */
  public static ServerIdentity parse(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return null;
    }
    int at = encoded.indexOf('@');
    return at < 0 ? new ServerIdentity(encoded, "") : new ServerIdentity(encoded.substring(0, at),
        encoded.substring(at + 1));
  }

  /** The form stored in {@code MySqlPosition.server()}. */
  public String encoded() {
    return address.isEmpty() ? id : id + "@" + address;
  }

  /** Whether both name the same server (by identity, whatever address it was reached at). */
  public boolean sameServer(ServerIdentity other) {
    return other != null && id.toLowerCase(Locale.ROOT).equals(other.id.toLowerCase(Locale.ROOT));
  }

  /** {@code server_id=1 (at 127.0.0.1:3306)}. */
  @Override
  public String toString() {
    return address.isEmpty() ? id : id + " (at " + address + ")";
  }
}
