import type PgBossType from 'pg-boss';
import { ValidationError } from '../../core/errors/validation-error.js';
import { PgBoss } from './peer.js';

/**
 * How the pg-boss adapters reach PostgreSQL: a started pg-boss instance you own, or a
 * connection string for one the adapter starts and stops.
 *
 * @category Schedulers
 */
export interface PgBossConnection {
  /** A pg-boss instance; you start and stop it. */
  boss?: PgBossType;
  /** A `postgres://` URL; the adapter starts pg-boss (creating its schema) and stops it in `close()`. */
  connectionString?: string;
  /** pg-boss's schema (default `pgboss`). */
  schema?: string;
  /** Further pg-boss constructor options for the instance created from `connectionString`. */
  bossOptions?: Omit<PgBossType.ConstructorOptions, 'connectionString' | 'schema' | 'db'>;
  /** The queue every marketbridge job goes to (default `marketbridge`). */
  queueName?: string;
  /**
   * Delivery policy of the queue, applied when the adapter creates it: retries of failed runs
   * (default 10, exponential from 1 s) and how long a job may run before it is taken to have
   * died and is delivered again (default 900 s).
   */
  queueOptions?: Pick<
    PgBossType.Queue,
    'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds' | 'retentionSeconds'
  >;
}

/**
 * A pg-boss instance started once, the queue created, and the table that maps job keys to the
 * latest job id.
 *
 * @example
 * ```ts
 * const handle = new BossHandle(connection, 'pg-boss scheduler');
 * const boss = await handle.ready();
 * ```
 */
export class BossHandle {
  /** The queue jobs go to. */
  readonly queueName: string;
  /** The pg-boss schema. */
  readonly schema: string;
  readonly #connection: PgBossConnection;
  readonly #boss: PgBossType;
  readonly #owned: boolean;
  #ready: Promise<PgBossType> | undefined;

  /**
   * @param connection - the instance or connection string
   * @param what - names the options in validation errors
   */
  constructor(connection: PgBossConnection, what: string) {
    const issues = [];
    if (!connection || (connection.boss === undefined) === (connection.connectionString === undefined)) {
      issues.push({
        path: ['boss'],
        message: 'Pass exactly one of `boss` (a pg-boss instance) or `connectionString` (postgres://...).',
      });
    }
    const schema = connection?.schema ?? 'pgboss';
    if (!/^[a-z_][a-z0-9_]*$/i.test(schema))
      issues.push({ path: ['schema'], message: 'Expected a plain identifier such as "pgboss".' });
    const queueName = connection?.queueName ?? 'marketbridge';
    if (!/^[\w-]+$/.test(queueName))
      issues.push({ path: ['queueName'], message: 'Use letters, digits, underscores and hyphens only.' });
    if (issues.length) throw new ValidationError(what, issues);
    this.#connection = connection;
    this.queueName = queueName;
    this.schema = schema;
    this.#owned = connection.boss === undefined;
    this.#boss =
      connection.boss ??
      new PgBoss({ ...connection.bossOptions, connectionString: connection.connectionString!, schema });
  }

  /** The pg-boss instance, started (when owned), with the queue and the key table in place. */
  ready(): Promise<PgBossType> {
    this.#ready ??= (async () => {
      if (this.#owned) await this.#boss.start();
      await this.ensureQueue(this.queueName);
      // Several processes may start at once: losing the race to create the table is fine.
      await this.#boss
        .getDb()
        .executeSql(
          `CREATE TABLE IF NOT EXISTS "${this.schema}".marketbridge_job_keys (queue text NOT NULL, key text NOT NULL, job_id uuid NOT NULL, PRIMARY KEY (queue, key))`,
          [],
        )
        .catch(async (error: unknown) => {
          if (!['23505', '42P07'].includes(String((error as { code?: string }).code))) throw error;
        });
      return this.#boss;
    })();
    return this.#ready;
  }

  /** Creates a queue with the delivery policy unless it exists (another process may create it first). */
  async ensureQueue(name: string): Promise<void> {
    if (await this.#boss.getQueue(name)) return;
    try {
      await this.#boss.createQueue(name, {
        name,
        retryLimit: 10,
        retryDelay: 1,
        retryBackoff: true,
        ...this.#connection.queueOptions,
      });
    } catch (error) {
      if (!(await this.#boss.getQueue(name))) throw error;
    }
  }

  /** Runs SQL on pg-boss's connection. */
  async sql<T>(text: string, values: unknown[]): Promise<T[]> {
    const boss = await this.ready();
    return (await boss.getDb().executeSql(text, values)).rows as T[];
  }

  /** Stops pg-boss if the adapter started it (gracefully: running jobs finish first). */
  async close(timeoutMs = 30_000): Promise<void> {
    if (this.#owned && this.#ready) await this.#boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
  }
}
