import type pg from 'pg';
import { Pool } from './peer.js';
import { MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { AtomicBucketStore, BucketTake, BucketTakeResult } from '../bucket.js';
import { canonicalJson, type SetOptions, type Store } from '../store.js';
import { bucketTtlMs, checkTake, jsonOf, ttlOf } from '../shared/store-inputs.js';
import { storeFailure } from '../shared/store-failure.js';
import { migratePostgres, quotedSchema } from './schema.js';
import { storeStatements, type StoreStatements } from './statements.js';

/**
 * Options of {@link PostgresStore}: a pool you own, or a connection string for a pool the
 * store owns.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: process.env.DATABASE_URL, schema: 'marketbridge' };
 * ```
 *
 * @category Stores
 */
export interface PostgresStoreOptions {
  /** A `pg` Pool to use; you keep ownership ({@link PostgresStore.close} leaves it open). */
  pool?: pg.Pool;
  /** A `postgres://` URL; the store creates a Pool and ends it in `close()`. */
  connectionString?: string;
  /** More `pg` Pool settings for the pool created from `connectionString` (size, TLS, ...). */
  poolConfig?: pg.PoolConfig;
  /** The schema holding the tables of {@link migratePostgres} (default `public`). */
  schema?: string;
}

/**
 * A {@link Store} and {@link AtomicBucketStore} on PostgreSQL, shared by every process that uses
 * the same database and schema. Run {@link migratePostgres} (or {@link PostgresStore.migrate})
 * once first. Values are canonical JSON text in `integration_store`, so compare-and-set is a
 * single `UPDATE ... WHERE value = $expected` (or `INSERT ... ON CONFLICT`); TTLs are an
 * `expires_at` column checked against the server's clock; bucket takes are one statement on
 * `integration_rate_limits` (`get`, `list` and `delete` see buckets there too, as `{ at, tokens }`).
 * Expired rows stay until overwritten or {@link PostgresStore.purgeExpired}.
 *
 * @example
 * ```ts
 * import { PostgresLock, PostgresStore } from 'marketbridge/stores/postgres';
 *
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL });
 * await store.migrate();
 * const context = createContext({ store, lock: new PostgresLock(store) });
 * ```
 *
 * @category Stores
 */
export class PostgresStore implements Store, AtomicBucketStore {
  /** The `pg` pool in use. */
  readonly pool: pg.Pool;
  /** The schema holding the tables. */
  readonly schema: string;
  readonly #owned: boolean;
  readonly #sql: StoreStatements;

  /** @param options - the pool or connection string, and the schema */
  constructor(options: PostgresStoreOptions) {
    const issues = [];
    if (!options || (options.pool === undefined) === (options.connectionString === undefined)) {
      issues.push({
        path: ['pool'],
        message: 'Pass exactly one of `pool` (a pg Pool) or `connectionString` (postgres://user:password@host/db).',
      });
    }
    let quoted = '"public"';
    try {
      quoted = quotedSchema(options?.schema);
    } catch (error) {
      issues.push(...(error as ValidationError).issues);
    }
    if (issues.length) throw new ValidationError('PostgreSQL store options', issues);
    this.#owned = options.pool === undefined;
    this.pool = options.pool ?? new Pool({ ...options.poolConfig, connectionString: options.connectionString });
    // An idle connection that breaks (server restart) is reported on the pool; unheard, that
    // event would end the process. The pool replaces the connection and the next query reports.
    if (this.#owned) this.pool.on('error', () => {});
    this.schema = options.schema ?? 'public';
    this.#sql = storeStatements(quoted);
  }

  async #query<R extends pg.QueryResultRow>(
    operation: string,
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // invalid_text_representation / numeric_value_out_of_range: increment of a non-integer.
      if (operation === 'increment' && (code === '22P02' || code === '22003')) {
        throw new ValidationError('store increment', [
          { path: [String(values[0])], message: 'The stored value is not an integer.' },
        ]);
      }
      // undefined_table / invalid_schema_name: retrying cannot help until the tables exist.
      if (code === '42P01' || code === '3F000') {
        throw new MarketbridgeError(
          'internal',
          `The PostgreSQL store's tables are missing in schema "${this.schema}": run migratePostgres(pool, { schema: '${this.schema}' }) or store.migrate() first.`,
          {
            operation,
            retryable: false,
            cause: error,
          },
        );
      }
      throw storeFailure('PostgreSQL', operation, error);
    }
  }

  /**
   * Creates the tables in this store's schema if they are missing ({@link migratePostgres}).
   *
   * @example
   * ```ts
   * await store.migrate();
   * ```
   */
  async migrate(): Promise<void> {
    try {
      await migratePostgres(this.pool, { schema: this.schema });
    } catch (error) {
      throw storeFailure('PostgreSQL', 'migrate', error);
    }
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const { rows } = await this.#query<{ value: string }>('get', this.#sql.get, [key]);
    return rows[0] ? (JSON.parse(rows[0].value) as T) : undefined;
  }

  async set(key: string, value: unknown, options?: SetOptions): Promise<void> {
    const ttl = ttlOf(options);
    await this.#query('set', this.#sql.set, [key, jsonOf(key, canonicalJson(value)), ttl ?? null]);
  }

  async delete(key: string): Promise<boolean> {
    const { rows } = await this.#query<{ live: boolean }>('delete', this.#sql.delete, [key]);
    return rows[0]?.live === true;
  }

  async compareAndSet(key: string, expected: unknown, next: unknown, options?: SetOptions): Promise<boolean> {
    const ttl = ttlOf(options) ?? null;
    const nextJson = next === undefined ? undefined : jsonOf(key, canonicalJson(next));
    if (expected === undefined) {
      if (nextJson === undefined)
        return (await this.#query('compareAndSet', this.#sql.isPresent, [key])).rows.length === 0;
      return (await this.#query('compareAndSet', this.#sql.createIfAbsent, [key, nextJson, ttl])).rowCount === 1;
    }
    const expectedJson = jsonOf(key, canonicalJson(expected));
    const result =
      nextJson === undefined
        ? await this.#query('compareAndSet', this.#sql.deleteIfEqual, [key, expectedJson])
        : await this.#query('compareAndSet', this.#sql.swapIfEqual, [key, expectedJson, nextJson, ttl]);
    return result.rowCount === 1;
  }

  async increment(key: string, by = 1, options?: SetOptions): Promise<number> {
    const ttl = ttlOf(options) ?? null;
    if (!Number.isSafeInteger(by)) {
      throw new ValidationError('store increment', [{ path: ['by'], message: `Expected a safe integer, got ${by}.` }]);
    }
    const { rows } = await this.#query<{ value: string }>('increment', this.#sql.increment, [key, String(by), ttl, by]);
    return Number(rows[0]?.value);
  }

  async list(prefix: string, options: { limit?: number } = {}): Promise<string[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
    const limit = options.limit === undefined ? null : Math.max(0, Math.floor(options.limit));
    const { rows } = await this.#query<{ key: string }>('list', this.#sql.list, [pattern, limit]);
    return rows.map((row) => row.key);
  }

  /**
   * Takes from a token bucket in one SQL statement timed by the server's clock; the arithmetic
   * is `computeTake`'s. `takeFromBucket(store, take, clock)` calls this.
   *
   * @example
   * ```ts
   * const result = await store.takeFromBucket({ key: 'rl:shopify:shop-1:graphql', capacity: 1000, refillPerSecond: 100, cost: 52 });
   * ```
   */
  async takeFromBucket(take: BucketTake): Promise<BucketTakeResult> {
    checkTake(take);
    const values = [take.key, take.capacity, take.refillPerSecond, take.cost, bucketTtlMs(take)];
    const { rows } = await this.#query<{ granted: boolean; tokens: number; retry_after_ms: number }>(
      'takeFromBucket',
      this.#sql.take,
      values,
    );
    const row = rows[0] as { granted: boolean; tokens: number; retry_after_ms: number };
    return { granted: row.granted, tokens: row.tokens, retryAfterMs: row.retry_after_ms };
  }

  /**
   * Deletes expired rows of the store and idle buckets; resolves how many. Expired rows are
   * already invisible, so run it from your scheduler only to reclaim space.
   *
   * @example
   * ```ts
   * const removed = await store.purgeExpired();
   * ```
   */
  async purgeExpired(): Promise<number> {
    const { rows } = await this.#query<{ removed: string }>('purgeExpired', this.#sql.purge, []);
    return Number(rows[0]?.removed ?? 0);
  }

  /**
   * Ends the pool if the store created it from `connectionString`; a pool you passed stays open.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#owned) await this.pool.end();
  }
}
