package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * tributary-bom (the root's bom.xml) manages every library module at the project's version, and the README's
 * dependency blocks go through it. A library module is every module of the root pom that ships a jar, less the
 * examples and benchmarks: a new connector fails this test until it is in the BOM.
 */
class BomTest {

  private static final Set<String> NOT_LIBRARIES = Set.of("examples", "benchmarks");
  private static final Path ROOT = Path.of("..");

  @Test
  void bom_listsEveryLibraryModule_atTheProjectVersion() throws Exception {
    Document root = parse(ROOT.resolve("pom.xml"));
    Document bom = parse(ROOT.resolve("bom.xml"));

    Set<String> libraries = new TreeSet<>();
    for (String module : texts(root.getDocumentElement(), "modules", "module")) {
      Path pom = ROOT.resolve(module);
      Document m = parse(Files.isDirectory(pom) ? pom.resolve("pom.xml") : pom);
      String packaging = child(m.getDocumentElement(), "packaging");
      if (!NOT_LIBRARIES.contains(module) && (packaging == null || packaging.equals("jar"))) {
        libraries.add(child(m.getDocumentElement(), "artifactId"));
      }
    }
    Set<String> managed = new TreeSet<>();
    Element management = (Element) bom.getDocumentElement().getElementsByTagName("dependencyManagement").item(0);
    NodeList deps = management.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertThat(child(d, "groupId")).isEqualTo("io.tributary");
      assertThat(child(d, "version")).isEqualTo("${project.version}");
      managed.add(child(d, "artifactId"));
    }

    assertThat(libraries).as("library modules of the root pom").contains("sync-core", "sync-mysql");
    assertThat(managed).as("modules tributary-bom manages").isEqualTo(libraries);
    assertThat(child(bom.getDocumentElement(), "version")).as("the BOM's version (no parent: set by hand)")
        .isEqualTo(child(root.getDocumentElement(), "version"));
    assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength())
        .as("a BOM without parent: importing it must not import the parent's third-party versions").isZero();
  }

  @Test
  void readme_dependencyBlocks_importTheBom_andLeaveModuleVersionsToIt() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertThat(readme).contains("<artifactId>tributary-bom</artifactId>").contains("<scope>import</scope>");
    int modules = 0;
    for (String block : xmlBlocks(readme)) {
      for (String dependency : block.split("</dependency>")) {
        if (dependency.contains("<groupId>io.tributary</groupId>") && !dependency.contains("tributary-bom")) {
          assertThat(dependency).as("a Tributary module in the README takes its version from the BOM")
              .doesNotContain("<version>");
          modules++;
        }
      }
    }
    assertThat(modules).as("Tributary modules in the README's dependency blocks").isPositive();
  }

  private static List<String> xmlBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = markdown.indexOf("```xml", at)) >= 0) {
      int end = markdown.indexOf("```", at + 6);
      blocks.add(markdown.substring(at, end));
      at = end + 3;
    }
    return blocks;
  }

  private static Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** The text of {@code parent}'s direct child element {@code name}, or null. */
  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }

  private static List<String> texts(Element parent, String list, String item) {
    List<String> out = new ArrayList<>();
    NodeList lists = parent.getElementsByTagName(list);
    for (int i = 0; i < lists.getLength(); i++) {
      NodeList items = ((Element) lists.item(i)).getElementsByTagName(item);
      for (int j = 0; j < items.getLength(); j++) {
        out.add(items.item(j).getTextContent().strip());
      }
    }
    return out;
  }
}
