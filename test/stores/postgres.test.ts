import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { computeTake, takeFromBucket, type BucketState, type BucketTake } from '../../src/store/bucket.js';
import { migratePostgres, PostgresLock, PostgresStore, postgresMigrationSql } from '../../src/stores/postgres.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { lockConformanceCases, storeConformanceCases } from '../../src/testing/store-conformance.js';
import { postgresUrl, probePostgres, runId, shouldSkip, sleep } from './servers.js';

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
    stores.push(new PostgresStore({ pool, schema }), new PostgresStore({ connectionString: postgresUrl, schema, poolConfig: { max: 8 } }));
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

  describe('store conformance', () => {
    for (const c of storeConformanceCases({ create: () => stores[turn++ % 2] as PostgresStore, advance: sleep, ttlMs: 250 })) it(c.name, c.run);
  });

  describe('lock conformance (PostgresLock, two pools)', () => {
    for (const c of lockConformanceCases({ create: () => new PostgresLock(stores[turn++ % 2] as PostgresStore), advance: sleep, ttlMs: 250 })) {
      it(c.name, c.run);
    }
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

  it('rejects increments of non-integer values and leaves them unchanged', async () => {
    await store().set('float', 1.5);
    const error = await store().increment('float').catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect(await store().get('float')).toBe(1.5);
  });

  it('purges expired rows without changing what readers see', async () => {
    await store().set('purge:a', 1, { ttlMs: 50 });
    await store().set('purge:b', 2);
    await sleep(120);
    expect(await store().purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await store().list('purge:')).toEqual(['purge:b']);
  });

  it('reports every problem of its options at once', () => {
    expect(() => new PostgresStore({ schema: 'bad-name"; DROP' } as never)).toThrow(/2 problems[\s\S]*pool[\s\S]*schema/);
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
    const state = (key: string) => store().get<BucketState>(key);

    it('shows buckets to get, list and delete like any other key', async () => {
      await store().takeFromBucket({ key: 'bucket:visible', capacity: 2, refillPerSecond: 0.001, cost: 2 });
      expect((await store().get<BucketState>('bucket:visible'))?.tokens).toBe(0);
      expect(await store().list('bucket:vis')).toEqual(['bucket:visible']);
      expect(await store().delete('bucket:visible')).toBe(true);
      expect((await store().takeFromBucket({ key: 'bucket:visible', capacity: 2, refillPerSecond: 0.001, cost: 2 })).granted).toBe(true);
    });

    it('is used by takeFromBucket, ignoring the caller’s clock', async () => {
      const take = { key: 'bucket:native', capacity: 3, refillPerSecond: 0.001, cost: 1 };
      const skewed = new FakeClock(Date.UTC(2001, 0, 1));
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await takeFromBucket(store(), take, skewed));
      expect(results.map((r) => r.granted)).toEqual([true, true, true, false]);
      expect(Math.abs((await state('bucket:native'))!.at - Date.now())).toBeLessThan(60_000);
    });

    it('never grants more than capacity and says when never', async () => {
      expect(await store().takeFromBucket({ key: 'bucket:huge', capacity: 5, refillPerSecond: 1, cost: 6 })).toEqual({
        granted: false,
        tokens: 5,
        retryAfterMs: Number.POSITIVE_INFINITY,
      });
      await expect(store().takeFromBucket({ key: 'b', capacity: 0, refillPerSecond: -1, cost: Number.NaN })).rejects.toThrow(/3 problems/);
    });

    it('grants exactly one of many concurrent takes of the last token', async () => {
      const take = { key: 'bucket:race', capacity: 1, refillPerSecond: 0.001, cost: 1 };
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2]!.takeFromBucket(take)));
      expect(results.filter((r) => r.granted)).toHaveLength(1);
    });

    it('computes exactly what computeTake computes, at the server’s time', async () => {
      let run = 0;
      const takeArb = fc.record({
        capacity: fc.double({ min: 0.5, max: 1000, noNaN: true }),
        refillPerSecond: fc.double({ min: 0.01, max: 5000, noNaN: true }),
        costs: fc.array(fc.double({ min: -50, max: 1200, noNaN: true }), { minLength: 1, maxLength: 6 }),
      });
      await fc.assert(
        fc.asyncProperty(takeArb, async ({ capacity, refillPerSecond, costs }) => {
          const key = `bucket:exact:${run++}`;
          let previous: BucketState | undefined;
          for (const cost of costs) {
            const take: BucketTake = { key, capacity, refillPerSecond, cost };
            const result = await store().takeFromBucket(take);
            const next = await state(key);
            const expected = computeTake(previous, take, next!.at);
            expect(result).toEqual(expected.result);
            expect(next).toEqual(expected.next);
            previous = next;
          }
        }),
        { numRuns: Number(process.env.MB_PROPERTY_RUNS ?? 25) },
      );
    });
  });
});
