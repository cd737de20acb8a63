package io.tributary.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options over defaults; an unknown name is an error, not a silent default. */
final class Args {

  private Args() {
  }

  static Map<String, String> parse(String[] args, Map<String, String> defaults) {
    Map<String, String> out = new LinkedHashMap<>(defaults);
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !defaults.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad option " + args[i] + "; options: --" + String.join(" N, --",
            defaults.keySet()) + " N");
      }
      out.put(name, args[i + 1]);
    }
    return out;
  }
}
