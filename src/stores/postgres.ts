/**
 * Shared state for many processes on PostgreSQL: a `Store` with compare-and-set in one
 * statement, atomic token-bucket takes, lease locks, and the migration that creates the
 * durable tables (`integration_store`, `integration_rate_limits`, `integration_credentials`,
 * `integration_sync_logs`, `integration_webhooks`). Needs the optional peer dependency `pg`.
 *
 * @example
 * ```ts
 * import { migratePostgres, PostgresLock, PostgresStore } from 'marketbridge/stores/postgres';
 *
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL });
 * await migratePostgres(store.pool);
 * const lock = new PostgresLock(store);
 * ```
 *
 * @module marketbridge/stores/postgres
 */
export { PostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
export { PostgresLock } from './postgres/postgres-lock.js';
export {
  migratePostgres,
  postgresMigrationSql,
  type PostgresQueryable,
  type PostgresSchemaOptions,
} from './postgres/schema.js';
