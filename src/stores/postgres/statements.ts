import { takeSql } from './bucket-sql.js';

/** Whether a row of `integration_store` is visible (not expired), by the server's clock. */
const LIVE = '(expires_at IS NULL OR expires_at > now())';
/** An `expires_at` from a TTL parameter in ms; NULL (no expiry) when the parameter is NULL. */
const EXPIRES = (param: string) => `now() + ${param}::double precision * interval '1 millisecond'`;
const EXPIRED = 't.expires_at IS NOT NULL AND t.expires_at <= now()';

/**
 * Every statement of the PostgreSQL store, for one (already quoted) schema. Each is a single
 * statement, so each is atomic without an explicit transaction.
 *
 * @example
 * ```ts
 * const sql = storeStatements('"public"');
 * await pool.query(sql.get, ['oauth:state:abc']);
 * ```
 */
export function storeStatements(schema: string) {
  const table = `${schema}.integration_store`;
  const buckets = `${schema}.integration_rate_limits`;
  return {
    // A bucket reads as the { at, tokens } JSON that takeFromBucket keeps in other stores.
    get: `SELECT value FROM ${table} WHERE key = $1 AND ${LIVE}
      UNION ALL
      SELECT '{"at":' || at_ms::text || ',"tokens":' || tokens::text || '}' FROM ${buckets} WHERE key = $1 AND expires_at > now()
      LIMIT 1`,
    set: `INSERT INTO ${table} (key, value, expires_at) VALUES ($1, $2, ${EXPIRES('$3')})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    delete: `WITH a AS (DELETE FROM ${table} WHERE key = $1 RETURNING ${LIVE} AS live),
           b AS (DELETE FROM ${buckets} WHERE key = $1 RETURNING expires_at > now() AS live)
      SELECT COALESCE(bool_or(live), false) AS live FROM (SELECT live FROM a UNION ALL SELECT live FROM b) AS both_tables`,
    isPresent: `SELECT true AS live FROM ${table} WHERE key = $1 AND ${LIVE}`,
    // An expired row counts as absent: the conflict branch replaces it, and only it.
    createIfAbsent: `INSERT INTO ${table} AS t (key, value, expires_at) VALUES ($1, $2, ${EXPIRES('$3')})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at WHERE ${EXPIRED}`,
    deleteIfEqual: `DELETE FROM ${table} WHERE key = $1 AND value = $2 AND ${LIVE}`,
    // Row locks make concurrent swaps from one value queue up; each re-checks `value` after the wait.
    swapIfEqual: `UPDATE ${table} SET value = $3, expires_at = ${EXPIRES('$4')} WHERE key = $1 AND value = $2 AND ${LIVE}`,
    increment: `INSERT INTO ${table} AS t (key, value, expires_at) VALUES ($1, $2::text, ${EXPIRES('$3')})
      ON CONFLICT (key) DO UPDATE SET
        value = CASE WHEN ${EXPIRED} THEN excluded.value ELSE (t.value::bigint + $4::bigint)::text END,
        expires_at = CASE WHEN ${EXPIRED} THEN excluded.expires_at ELSE t.expires_at END
      RETURNING value`,
    list: `SELECT key FROM ${table} WHERE key LIKE $1 ESCAPE '\\' AND ${LIVE}
      UNION
      SELECT key FROM ${buckets} WHERE key LIKE $1 ESCAPE '\\' AND expires_at > now()
      ORDER BY key LIMIT $2`,
    take: takeSql(buckets),
    purge: `WITH a AS (DELETE FROM ${table} WHERE expires_at <= now() RETURNING 1),
           b AS (DELETE FROM ${buckets} WHERE expires_at <= now() RETURNING 1)
      SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) AS removed`,
  };
}

/**
 * The statements of one schema, by operation.
 */
export type StoreStatements = ReturnType<typeof storeStatements>;
