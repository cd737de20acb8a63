package io.tributary.examples.typematrix;

import java.util.List;
import java.util.function.Function;

/**
 * One source column type of the matrix and its edge values.
 *
 * <p>The comparison is by an explicit canonical text per type, never by a lenient equality: {@code sourceText} is a
 * SQL expression (with {@code %s} for the column) the source computes itself (its own text form, {@code HEX} of
 * bytes, ...), {@code sourceCanon} the (usually identity) normalisation of that text, and {@code targetCanon} renders
 * the value read back from Paimon in the same form. A truncated fraction, a lost sign or a changed byte shows as a
 * differing string.
 *
 * @param column      the column name
 * @param sqlType     the column definition after the name (e.g. {@code DECIMAL(65,30)}, {@code INT AS (b * 2)})
 * @param values      SQL literals written to the source, one row each (NULL is added by the matrix)
 * @param generated   a generated column: written by the server, never by the matrix
 * @param sourceText  SQL expression giving the source's canonical text, {@code %s} standing for the column
 * @param sourceCanon normalisation of the source's text (identity unless stated)
 * @param targetCanon the canonical text of the value read from the Paimon table (never called with null)
 */
public record TypeCase(String column, String sqlType, List<String> values, boolean generated, String sourceText,
    Function<String, String> sourceCanon, Function<Object, String> targetCanon) {

  public static TypeCase of(String column, String sqlType, String sourceText, Function<Object, String> targetCanon,
      String... values) {
    return new TypeCase(column, sqlType, List.of(values), false, sourceText, Function.identity(), targetCanon);
  }

  public static TypeCase generated(String column, String sqlType, String sourceText,
      Function<Object, String> targetCanon) {
    return new TypeCase(column, sqlType, List.of(), true, sourceText, Function.identity(), targetCanon);
  }

  /** The same case with the source's text normalised by {@code canon} before the comparison. */
  public TypeCase sourceCanon(Function<String, String> canon) {
    return new TypeCase(column, sqlType, values, generated, sourceText, canon, targetCanon);
  }

  /** A family of types in one table: many rows, one pipeline run for all families of a server. */
  public record Family(String table, List<TypeCase> cases) {

    public Family(String table, TypeCase... cases) {
      this(table, List.of(cases));
    }

    /** Rows in the table: the longest value list, plus one row of nulls. */
    int rows() {
      return cases.stream().mapToInt(c -> c.values().size()).max().orElse(0) + 1;
    }

    int values() {
      return cases.stream().mapToInt(c -> c.generated() ? rows() : c.values().size() + 1).sum();
    }
  }
}
