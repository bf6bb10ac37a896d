/**
 * Differential tests: random sequences of operations give the same answers on the shared
 * stores as on MemoryStore, the reference implementation of the Store contract.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/stores/memory-store.js';
import type { Store } from '../../src/stores/store.js';
import type { PostgresStore } from '../../src/stores/postgres.js';
import type { RedisStore } from '../../src/stores/redis.js';
import { openStore, type Opened } from './children/open-store.js';
import { dropRedisNamespace, postgresUrl, probePostgres, probeRedis, runId, shouldSkip } from './servers.js';

const key = fc.constantFrom('a', 'a:1', 'a:2', 'a_%', 'b', 'b:x');
const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('x', 'y', 1.5, null, true, [], [1, 2], { a: 1, b: 2 }, { b: 2, a: 1 }, { a: { d: 1, c: [2] } }),
);
const operation = fc.oneof(
  fc.record({ op: fc.constant('get' as const), key }),
  fc.record({ op: fc.constant('set' as const), key, value }),
  fc.record({ op: fc.constant('delete' as const), key }),
  fc.record({
    op: fc.constant('compareAndSet' as const),
    key,
    expected: fc.option(value, { nil: undefined }),
    next: fc.option(value, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('increment' as const), key, by: fc.integer({ min: -5, max: 5 }) }),
  fc.record({
    op: fc.constant('list' as const),
    prefix: fc.constantFrom('', 'a', 'a:', 'a_', 'b'),
    limit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one operation; errors become the string 'error' so that outcomes compare as data. */
async function apply(store: Store, p: string, o: Operation): Promise<unknown> {
  try {
    switch (o.op) {
      case 'get':
        return (await store.get(p + o.key)) ?? 'absent';
      case 'set':
        return await store.set(p + o.key, o.value);
      case 'delete':
        return await store.delete(p + o.key);
      case 'compareAndSet':
        return await store.compareAndSet(p + o.key, o.expected, o.next);
      case 'increment':
        return await store.increment(p + o.key, o.by);
      case 'list':
        return (await store.list(p + o.prefix, o.limit === undefined ? {} : { limit: o.limit })).map((k) =>
          k.slice(p.length),
        );
    }
  } catch {
    return 'error';
  }
}

const kinds = [
  { kind: 'redis', problem: await probeRedis(), scope: `mbtest:${runId('model')}:` },
  { kind: 'postgres', problem: await probePostgres(), scope: runId('mbtest_model') },
] as const;

for (const { kind, problem, scope } of kinds) {
  describe.skipIf(shouldSkip(problem, `model tests on ${kind}`))(`${kind} store against the memory store`, () => {
    let opened: Opened;
    beforeAll(async () => {
      if (problem) throw new Error(`CI=true requires a ${kind} server: ${problem}`);
      opened = openStore(kind, scope);
      if (kind === 'postgres') await (opened.store as PostgresStore).migrate();
    });
    afterAll(async () => {
      if (problem) return;
      if (kind === 'redis') await dropRedisNamespace((opened.store as RedisStore).client, scope);
      else {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${scope}" CASCADE`);
        await client.end();
      }
      await opened.close();
    });

    it('answers every sequence of operations exactly as the memory store does', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
          const p = `run${run++}:`;
          const memory = new MemoryStore();
          for (const o of operations)
            expect(await apply(opened.store, p, o), JSON.stringify(o)).toEqual(await apply(memory, p, o));
        }),
        { numRuns: Number(process.env.MB_PROPERTY_RUNS ?? 40) },
      );
    });
  });
}
