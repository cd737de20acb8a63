package io.tributary.sync.spi;

import java.util.Objects;

/**
 * The result of one preflight check of a source: a setting, grant or table property.
 *
 * @param name   what was checked, e.g. {@code binlog_format} or {@code REPLICATION SLAVE grant}
 * @param status outcome
 * @param found  the value found, for the message
 * @param fix    what the operator should do when the check did not pass; empty when it passed
 */
public record PreflightCheck(String name, Status status, String found, String fix) {

  /** Outcome of a check. */
  public enum Status { OK, WARNING, FAILED }

  public PreflightCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    found = found == null ? "" : found;
    fix = fix == null ? "" : fix;
  }

  public static PreflightCheck ok(String name, String found) {
    return new PreflightCheck(name, Status.OK, found, "");
  }

  public static PreflightCheck warning(String name, String found, String fix) {
    return new PreflightCheck(name, Status.WARNING, found, fix);
  }

  public static PreflightCheck failed(String name, String found, String fix) {
    return new PreflightCheck(name, Status.FAILED, found, fix);
  }

  @Override
  public String toString() {
    return status + " " + name + " = " + found + (fix.isEmpty() ? "" : " -> " + fix);
  }
}
