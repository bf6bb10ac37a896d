import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import type { BucketState } from '../../src/stores/bucket.js';
import { migratePostgres, PostgresLock, PostgresStore, postgresMigrationSql } from '../../src/stores/postgres.js';
import { postgresUrl, probePostgres, runId, shouldSkip, sleep } from './servers.js';
import { atomicBucketCases, conformanceSuites, nonIntegerIncrementCase } from './shared-cases.js';

const problem = await probePostgres();
const schema = runId('mbtest_pg');

describe.skipIf(shouldSkip(problem, 'PostgresStore tests'))('PostgresStore against MB_POSTGRES_URL', () => {
  let pool: pg.Pool;
  const stores: PostgresStore[] = [];
  const store = () => stores[0] as PostgresStore;
  let turn = 0;

  beforeAll(async () => {
    if (problem) throw new Error(`CI=true requires a PostgreSQL server: ${problem}`);
    pool = new pg.Pool({ connectionString: postgresUrl, max: 8 });
    // Two stores with separate pools, as two processes would have.
    stores.push(
      new PostgresStore({ pool, schema }),
      new PostgresStore({ connectionString: postgresUrl, schema, poolConfig: { max: 8 } }),
    );
    await Promise.all(stores.map((s) => s.migrate()));
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all(stores.map((s) => s.close()));
    await pool?.end();
  });

  it('reaches the PostgreSQL server', () => {
    expect(problem).toBeUndefined();
  });

  conformanceSuites(() => stores[turn++ % 2] as PostgresStore, {
    'PostgresLock, two pools': () => new PostgresLock(stores[turn++ % 2] as PostgresStore),
  });

  it('creates the documented durable tables, idempotently and concurrently', async () => {
    await Promise.all([migratePostgres(pool, { schema }), migratePostgres(pool, { schema }), store().migrate()]);
    const { rows } = await pool.query<{ table_name: string; comment: string | null }>(
      `SELECT table_name, obj_description(format('%I.%I', table_schema, table_name)::regclass) AS comment
       FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'integration_credentials',
      'integration_rate_limits',
      'integration_store',
      'integration_sync_logs',
      'integration_webhooks',
    ]);
    expect(rows.every((r) => (r.comment ?? '').startsWith('marketbridge'))).toBe(true);
    expect(postgresMigrationSql({ schema: 'app' })).toContain('CREATE TABLE IF NOT EXISTS "app".integration_webhooks');
  });

  it('lists prefixes with LIKE wildcards literally, in byte order', async () => {
    await store().set('like%_\\:1', 1);
    await store().set('likeXY\\:2', 2);
    await store().set('like%_\\:B', 3);
    expect(await store().list('like%_\\')).toEqual(['like%_\\:1', 'like%_\\:B']);
  });

  nonIntegerIncrementCase(() => store());

  it('purges expired rows without changing what readers see', async () => {
    await store().set('purge:a', 1, { ttlMs: 50 });
    await store().set('purge:b', 2);
    await sleep(120);
    expect(await store().purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await store().list('purge:')).toEqual(['purge:b']);
  });

  it('reports every problem of its options at once', () => {
    expect(() => new PostgresStore({ schema: 'bad-name"; DROP' } as never)).toThrow(
      /2 problems[\s\S]*pool[\s\S]*schema/,
    );
  });

  it('says to run the migration when its tables are missing, and that retrying will not help', async () => {
    const unmigrated = new PostgresStore({ pool, schema: `${schema}_none` });
    const error = await unmigrated.get('k').catch((e: unknown) => e);
    expect(isMarketbridgeError(error)).toBe(true);
    expect((error as Error).message).toMatch(/migratePostgres/);
    expect((error as { retryable: boolean }).retryable).toBe(false);
  });

  it('wraps connection failures in a retryable MarketbridgeError', async () => {
    const down = new PostgresStore({ connectionString: 'postgres://nobody:secret@127.0.0.1:1/none' });
    const error = await down.get('k').catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'internal')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
    expect(JSON.stringify((error as { toJSON(): unknown }).toJSON())).not.toContain('secret');
    await down.close();
  });

  describe('atomic bucket take', () => {
    // Buckets live in integration_rate_limits; the store reads them as { at, tokens }.
    it('shows buckets to get, list and delete like any other key', async () => {
      await store().takeFromBucket({ key: 'bucket:visible', capacity: 2, refillPerSecond: 0.001, cost: 2 });
      expect((await store().get<BucketState>('bucket:visible'))?.tokens).toBe(0);
      expect(await store().list('bucket:vis')).toEqual(['bucket:visible']);
      expect(await store().delete('bucket:visible')).toBe(true);
      expect(
        (await store().takeFromBucket({ key: 'bucket:visible', capacity: 2, refillPerSecond: 0.001, cost: 2 })).granted,
      ).toBe(true);
    });

    atomicBucketCases(() => stores);
  });
});
