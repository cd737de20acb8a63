/**
 * Tributary's engine and API: the pipeline, its events, the source/writer SPI, the in-memory source and writer,
 * alerting and the optional Micrometer binder. The engine ({@code io.tributary.sync.internal}) is not exported.
 */
// "requires-automatic": Micrometer has no module descriptor, but its jar declares the stable Automatic-Module-Name
// micrometer.core (not a name derived from a file name).
@SuppressWarnings("requires-automatic")
module io.tributary.sync {
  // Logging only: no SLF4J type appears in the API, so hosts are not made to read it.
  requires org.slf4j;
  // ChangeSource.isRetriable recognises JDBC's transient/recoverable exceptions.
  requires java.sql;
  // WebhookNotifier posts alerts with java.net.http, and its builder takes the host's HttpClient.
  requires transitive java.net.http;
  // Only TributaryMetrics (a MeterBinder) uses Micrometer: a host without it never loads that class, so it is
  // static: optional at run time. Not transitive: javac would then require Micrometer to compile every module
  // reading this one; a host that uses TributaryMetrics reads micrometer.core itself.
  requires static micrometer.core;

  exports io.tributary.sync;
  exports io.tributary.sync.alert;
  exports io.tributary.sync.event;
  exports io.tributary.sync.memory;
  exports io.tributary.sync.micrometer;
  exports io.tributary.sync.spi;
}
