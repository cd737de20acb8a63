package io.tributary.postgres.internal;

/**
 * A row of {@code pg_type}, enough to choose a {@link DataType} and a value codec.
 *
 * @param oid       type oid
 * @param schema    namespace of the type
 * @param name      {@code typname}, e.g. {@code int4}, {@code _int4}, {@code mood}
 * @param typtype   b(ase), d(omain), e(num), c(omposite), r(ange), m(ultirange), p(seudo)
 * @param category  {@code typcategory}: A for arrays, N numeric, ...
 * @param elementOid element type of an array, else 0
 * @param baseOid   base type of a domain, else 0
 * @param baseTypmod typmod of a domain's base type, -1 when none
 */
public record PgType(int oid, String schema, String name, char typtype, char category, int elementOid, int baseOid,
    int baseTypmod) {

  /** {@code "schema"."name"}, usable in casts. */
  public String qualifiedName() {
    return Sql.ident(schema) + "." + Sql.ident(name);
  }
}
