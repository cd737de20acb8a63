package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.mysql.MySqlSource;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PostgresSource;
import io.tributary.sync.SyncPipeline;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module boundary of the shipped jars (docs/design.md, "Module boundary"): each library's module name, what it
 * exports (the API packages, never an {@code internal} one, no qualified exports), what it requires, that no
 * package is in two of our modules, and that the modules resolve and load as named modules beside their real
 * dependencies. An IT because it reads the packaged jars (failsafe runs after {@code package}); it starts no server.
 */
class ModuleBoundaryIT {

  /** A library: where its jar is, and the descriptor it must have. */
  private record Library(String artifact, Class<?> anchor, String module, boolean automatic, Set<String> exports) {
  }

  private static final List<Library> LIBRARIES = List.of(
      new Library("sync-core", SyncPipeline.class, "io.tributary.sync", false, Set.of(
          "io.tributary.sync", "io.tributary.sync.alert", "io.tributary.sync.event", "io.tributary.sync.memory",
          "io.tributary.sync.micrometer", "io.tributary.sync.spi")),
      new Library("sync-postgres", PostgresSource.class, "io.tributary.postgres", false,
          Set.of("io.tributary.postgres")),
      // Automatic modules (an Automatic-Module-Name, no descriptor): their dependencies have no stable module name.
      new Library("sync-mysql", MySqlSource.class, "io.tributary.mysql", true, Set.of()),
      new Library("sync-lakehouse-writer", PaimonWriter.class, "io.tributary.paimon", true, Set.of()));

  /** One class of each runtime dependency of the libraries (Micrometer is optional and left out). */
  private static final List<String> DEPENDENCY_ANCHORS = List.of(
      "org.slf4j.Logger", "com.zaxxer.hikari.HikariDataSource", "org.postgresql.Driver",
      "com.github.shyiko.mysql.binlog.BinaryLogClient", "org.apache.paimon.catalog.Catalog",
      "org.apache.hadoop.conf.Configuration", "org.apache.hadoop.thirdparty.protobuf.AbstractMessage",
      "org.apache.commons.logging.LogFactory", "org.xerial.snappy.Snappy", "net.jpountz.lz4.LZ4Factory");

  @Test
  void eachLibraryExportsExactlyItsApi() {
    for (Library lib : LIBRARIES) {
      ModuleDescriptor d = descriptor(lib);
      assertThat(d.name()).as(lib.artifact()).isEqualTo(lib.module());
      assertThat(d.isAutomatic()).as(lib.artifact() + " is an automatic module").isEqualTo(lib.automatic());
      if (lib.automatic()) {
        continue; // exports every package by definition: nothing more to pin
      }
      assertThat(d.isOpen()).as(lib.module() + " is not an open module").isFalse();
      assertThat(d.opens()).as(lib.module() + " opens nothing").isEmpty();
      assertThat(d.exports()).as(lib.module() + " exports only unqualified API packages")
          .allSatisfy(e -> assertThat(e.isQualified()).as(e.source()).isFalse())
          .noneSatisfy(e -> assertThat(e.source()).contains("internal"));
      assertThat(d.exports().stream().map(Exports::source).collect(Collectors.toSet()))
          .as(lib.module() + " exports").isEqualTo(lib.exports());
      assertThat(d.uses()).as(lib.module() + " uses no service").isEmpty();
      assertThat(d.provides()).as(lib.module() + " provides no service").isEmpty();
    }
  }

  @Test
  void requiresAreThoseDocumented() {
    assertThat(requires(descriptor(LIBRARIES.get(0)))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "java.base", Set.of(Requires.Modifier.MANDATED),
        "org.slf4j", Set.of(),
        "java.sql", Set.of(),
        "java.net.http", Set.of(Requires.Modifier.TRANSITIVE),
        "micrometer.core", Set.of(Requires.Modifier.STATIC)));
    assertThat(requires(descriptor(LIBRARIES.get(1)))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "java.base", Set.of(Requires.Modifier.MANDATED),
        "io.tributary.sync", Set.of(Requires.Modifier.TRANSITIVE),
        "java.sql", Set.of(),
        "org.postgresql.jdbc", Set.of(),
        "com.zaxxer.hikari", Set.of(),
        "org.slf4j", Set.of()));
  }

  @Test
  void noPackageIsInTwoOfOurModules() {
    Map<String, List<String>> owners = new HashMap<>();
    for (Library lib : LIBRARIES) {
      for (String p : descriptor(lib).packages()) {
        owners.computeIfAbsent(p, k -> new ArrayList<>()).add(lib.module());
      }
    }
    assertThat(owners.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::toString))
        .as("packages in more than one module").isEmpty();
  }

  /**
   * Our modules resolve against their real dependency jars (no missing module, no package split among the
   * automatic modules Paimon and Hadoop bring), load in a layer as named modules, and there the engine stays
   * encapsulated: its public classes cannot be used from outside the module.
   */
  @Test
  void modulesResolveAndEncapsulateTheEngine() throws Exception {
    List<Path> jars = new ArrayList<>();
    LIBRARIES.forEach(lib -> jars.add(jar(lib.anchor())));
    for (String anchor : DEPENDENCY_ANCHORS) {
      jars.add(jar(Class.forName(anchor)));
    }
    ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
    Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
        LIBRARIES.stream().map(Library::module).collect(Collectors.toSet()));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());

    Module core = layer.findModule("io.tributary.sync").orElseThrow();
    assertThat(core.isExported("io.tributary.sync.spi")).isTrue();
    assertThat(core.isExported("io.tributary.sync.internal")).isFalse();
    assertThat(layer.findModule("io.tributary.postgres").orElseThrow().canRead(core)).isTrue();
    assertThat(layer.findModule("io.tributary.paimon").orElseThrow().canRead(core)).isTrue();

    ClassLoader loader = layer.findLoader("io.tributary.sync");
    // Every public engine class with a public constructor (SyncPipeline needs some): out of reach from here.
    List<Constructor<?>> engineConstructors = new ArrayList<>();
    try (ModuleReader reader = cf.findModule("io.tributary.sync").orElseThrow().reference().open()) {
      for (String entry : reader.list().filter(e -> e.matches("io/tributary/sync/internal/[^/$]+\\.class")).toList()) {
        Class<?> c = Class.forName(entry.replace('/', '.').replace(".class", ""), false, loader);
        if (Modifier.isPublic(c.getModifiers()) && !c.isInterface()) {
          engineConstructors.addAll(List.of(c.getConstructors()));
        }
      }
    }
    assertThat(engineConstructors).isNotEmpty().allSatisfy(k -> {
      assertThat(k.getDeclaringClass().getModule()).isSameAs(core);
      assertThatThrownBy(() -> k.newInstance(new Object[k.getParameterCount()]))
          .as(k.toString()).isInstanceOf(IllegalAccessException.class);
    });
    Class<?> api = Class.forName("io.tributary.sync.SyncPipeline", true, loader);
    assertThat(api.getMethod("builder").invoke(null)).isNotNull();
  }

  private static Map<String, Set<Requires.Modifier>> requires(ModuleDescriptor d) {
    Map<String, Set<Requires.Modifier>> out = new LinkedHashMap<>();
    d.requires().forEach(r -> out.put(r.name(), r.modifiers()));
    return out;
  }

  private static ModuleDescriptor descriptor(Library lib) {
    Set<ModuleReference> found = ModuleFinder.of(jar(lib.anchor())).findAll();
    assertThat(found).as(lib.artifact() + ": one module in its jar").hasSize(1);
    return found.iterator().next().descriptor();
  }

  /** The jar a class came from; a classes directory means the build did not package (run `verify`). */
  private static Path jar(Class<?> anchor) {
    try {
      Path p = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(Files.isRegularFile(p)).as(anchor.getName() + " comes from a jar, not " + p).isTrue();
      return p;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
