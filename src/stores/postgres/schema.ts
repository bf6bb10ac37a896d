import { ValidationError } from '../../core/errors/validation-error.js';

/**
 * Options of {@link postgresMigrationSql} and {@link migratePostgres}.
 *
 * @example
 * ```ts
 * const options: PostgresSchemaOptions = { schema: 'marketbridge' };
 * ```
 *
 * @category Stores
 */
export interface PostgresSchemaOptions {
  /** The PostgreSQL schema that holds the tables (default `public`); created if missing. */
  schema?: string;
}

/**
 * Anything that runs a SQL string: a `pg` Pool, Client or PoolClient.
 *
 * @category Stores
 */
export interface PostgresQueryable {
  /** Runs `text` (one or more statements without parameters). */
  query(text: string): Promise<unknown>;
}

/**
 * Checks a schema name (a plain identifier) and returns it quoted for SQL; throws a
 * ValidationError otherwise.
 *
 * @example
 * ```ts
 * quotedSchema('marketbridge'); // '"marketbridge"'
 * ```
 */
export function quotedSchema(schema = 'public'): string {
  if (typeof schema !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new ValidationError('PostgreSQL schema name', [
      {
        path: ['schema'],
        message: `Expected letters, digits and underscores (at most 63, not starting with a digit), got ${JSON.stringify(schema)}.`,
      },
    ]);
  }
  return `"${schema}"`;
}

/**
 * The SQL that creates marketbridge's tables, for your own migration tool (Flyway, Prisma,
 * node-pg-migrate, ...). It is idempotent (`IF NOT EXISTS`), serialised by an advisory lock,
 * and documents each table with `COMMENT ON`. The tables:
 *
 * - `integration_store` — the `Store`: key, canonical JSON value, optional `expires_at`. It
 *   holds OAuth state, tokens, webhook dedup marks, sync checkpoints, conflict tasks, the
 *   dead-letter queue and lock leases, each under its own key prefix.
 * - `integration_rate_limits` — token/cost buckets taken atomically by `takeFromBucket`.
 * - `integration_credentials` — encrypted credentials per tenant, platform and account.
 * - `integration_sync_logs` — one row per sync/import run: status, checkpoint, counts, error.
 * - `integration_webhooks` — received webhook events by platform and event id, with status.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('migrations/001_marketbridge.sql', postgresMigrationSql({ schema: 'marketbridge' }));
 * ```
 *
 * @category Stores
 */
export function postgresMigrationSql(options: PostgresSchemaOptions = {}): string {
  const s = quotedSchema(options.schema);
  return `
SELECT pg_advisory_xact_lock(hashtext('marketbridge:migrate'));
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.integration_store (
  key        text COLLATE "C" PRIMARY KEY,
  value      text NOT NULL,
  expires_at timestamptz
);
CREATE INDEX IF NOT EXISTS integration_store_expires_at ON ${s}.integration_store (expires_at) WHERE expires_at IS NOT NULL;
COMMENT ON TABLE ${s}.integration_store IS 'marketbridge Store: canonical JSON values by key (OAuth state, tokens, webhook dedup, checkpoints, conflict tasks, dead-letter queue, lock leases). A row whose expires_at has passed counts as absent; purgeExpired() deletes such rows.';

CREATE TABLE IF NOT EXISTS ${s}.integration_rate_limits (
  key               text COLLATE "C" PRIMARY KEY,
  tokens            double precision NOT NULL,
  at_ms             double precision NOT NULL,
  capacity          double precision NOT NULL,
  refill_per_second double precision NOT NULL,
  granted           boolean NOT NULL,
  retry_after_ms    double precision NOT NULL,
  expires_at        timestamptz NOT NULL
);
COMMENT ON TABLE ${s}.integration_rate_limits IS 'marketbridge rate-limit buckets shared by every process: tokens left at at_ms (server time, epoch ms), the bucket shape, and the outcome of the last take. Idle buckets expire once full.';

CREATE TABLE IF NOT EXISTS ${s}.integration_credentials (
  tenant_id          text NOT NULL,
  platform           text NOT NULL,
  account_id         text NOT NULL DEFAULT '',
  ciphertext         text NOT NULL,
  key_id             text,
  scopes             text[],
  access_expires_at  timestamptz,
  refresh_expires_at timestamptz,
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, platform, account_id)
);
COMMENT ON TABLE ${s}.integration_credentials IS 'marketbridge credentials per tenant, platform and account: ciphertext only (encrypted with the key named by key_id), expiry times for early refresh, and a version for compare-and-set updates.';

CREATE TABLE IF NOT EXISTS ${s}.integration_sync_logs (
  id          bigserial PRIMARY KEY,
  tenant_id   text NOT NULL,
  platform    text NOT NULL,
  job         text NOT NULL,
  run_id      text NOT NULL,
  status      text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  checkpoint  jsonb,
  stats       jsonb,
  error       jsonb,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS integration_sync_logs_recent ON ${s}.integration_sync_logs (tenant_id, platform, job, started_at DESC);
COMMENT ON TABLE ${s}.integration_sync_logs IS 'marketbridge sync and import runs: status, last checkpoint, counts and the redacted error JSON, newest first per tenant, platform and job.';

CREATE TABLE IF NOT EXISTS ${s}.integration_webhooks (
  platform     text NOT NULL,
  event_id     text NOT NULL,
  tenant_id    text,
  topic        text,
  status       text NOT NULL CHECK (status IN ('received', 'processing', 'processed', 'failed', 'dead')),
  attempts     integer NOT NULL DEFAULT 0,
  payload      jsonb,
  last_error   jsonb,
  received_at  timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (platform, event_id)
);
COMMENT ON TABLE ${s}.integration_webhooks IS 'marketbridge webhook events by platform and event id: the primary key makes delivery exactly-once; status and attempts drive retries and the dead-letter queue.';
`;
}

/**
 * Creates (or completes) marketbridge's tables in `options.schema`; safe to run at every start
 * and from several processes at once. The SQL is {@link postgresMigrationSql}'s.
 *
 * @example
 * ```ts
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migratePostgres(pool, { schema: 'marketbridge' });
 * const store = new PostgresStore({ pool, schema: 'marketbridge' });
 * ```
 *
 * @category Stores
 */
export async function migratePostgres(db: PostgresQueryable, options: PostgresSchemaOptions = {}): Promise<void> {
  // One simple-query message runs as one implicit transaction, so the advisory lock covers all of it.
  await db.query(postgresMigrationSql(options));
}
