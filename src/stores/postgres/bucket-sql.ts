/**
 * The bucket take as one INSERT ... ON CONFLICT DO UPDATE: the row lock that ON CONFLICT takes
 * makes concurrent takes on one key queue up, and every SET expression sees the old row, so
 * the refill, the take and the outcome are computed from one consistent state. The arithmetic
 * is computeTake's (src/stores/bucket.ts) in double precision, with "now" from the server's
 * clock_timestamp() so that processes whose clocks disagree still share one budget.
 *
 * Parameters: $1 key, $2 capacity, $3 refillPerSecond, $4 cost, $5 ttl ms.
 */
const CAP = '$2::double precision';
const RATE = '$3::double precision';
const COST = '$4::double precision';

const granted = (tokens: string) => `(${COST} <= ${tokens} OR ${COST} <= 0)`;
const left = (tokens: string) =>
  `CASE WHEN ${granted(tokens)} THEN LEAST(${CAP}, ${tokens} - ${COST}) ELSE ${tokens} END`;
const retry = (tokens: string) =>
  `CASE WHEN ${granted(tokens)} THEN 0 WHEN ${COST} > ${CAP} THEN 'Infinity'::double precision ELSE ceil(((${COST} - ${tokens}) / ${RATE}) * 1000) END`;

/** Tokens in the old row `b`, refilled up to the new take's time `excluded.at_ms`. */
const REFILLED = `CASE WHEN b.expires_at <= to_timestamp(excluded.at_ms / 1000) THEN ${CAP}
  ELSE LEAST(${CAP}, b.tokens + (GREATEST(0, excluded.at_ms - b.at_ms) / 1000) * ${RATE}) END`;

/**
 * The bucket take statement for `table` (already schema-qualified).
 *
 * @example
 * ```ts
 * await pool.query(takeSql('"public".integration_rate_limits'), [key, capacity, refillPerSecond, cost, ttlMs]);
 * ```
 */
export function takeSql(table: string): string {
  return `
INSERT INTO ${table} AS b (key, tokens, at_ms, capacity, refill_per_second, granted, retry_after_ms, expires_at)
SELECT $1, ${left(CAP)}, n.ms, ${CAP}, ${RATE}, ${granted(CAP)}, ${retry(CAP)},
       to_timestamp(n.ms / 1000) + $5::double precision * interval '1 millisecond'
FROM (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::double precision AS ms) AS n
ON CONFLICT (key) DO UPDATE SET
  tokens = ${left(REFILLED)},
  at_ms = excluded.at_ms,
  capacity = excluded.capacity,
  refill_per_second = excluded.refill_per_second,
  granted = ${granted(REFILLED)},
  retry_after_ms = ${retry(REFILLED)},
  expires_at = excluded.expires_at
RETURNING granted, tokens, retry_after_ms`;
}
