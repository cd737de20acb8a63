package io.tributary.sync.spi;

import io.tributary.sync.PreflightException;
import java.util.List;
import java.util.Objects;

/**
 * All preflight checks of one source.
 *
 * @param source the source's name
 * @param checks every check made, passed or not
 */
public record PreflightReport(String source, List<PreflightCheck> checks) {

  public PreflightReport {
    Objects.requireNonNull(source, "source");
    checks = List.copyOf(checks);
  }

  public List<PreflightCheck> failures() {
    return checks.stream().filter(c -> c.status() == PreflightCheck.Status.FAILED).toList();
  }

  public List<PreflightCheck> warnings() {
    return checks.stream().filter(c -> c.status() == PreflightCheck.Status.WARNING).toList();
  }

  public boolean passed() {
    return failures().isEmpty();
  }

  /** Throws a {@link PreflightException} listing every failed check with its fix. */
  public void throwIfFailed() {
    if (!passed()) {
      throw new PreflightException(this);
    }
  }
}
