import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_RUN_JOB } from '../../src/sync/inventory/engine.js';
import { PostgresStore } from '../../src/stores/postgres.js';
import {
  dropRedisNamespace,
  postgresUrl,
  probePostgres,
  probeRedis,
  redisUrl,
  runId,
  shouldSkip,
  sleep,
  startChild,
  type Child,
} from '../stores/servers.js';
import { openStore } from '../stores/children/open-store.js';
import { openQueue, type QueueKind } from './children/open-queue.js';
import { SharedShelf } from './shelf.js';

const redisProblem = await probeRedis();
const postgresProblem = await probePostgres();
const SKUS = 60;
const initialStock = (n: number) => ((n * 7) % 23) + 1;
const skuOf = (n: number) => `SKU-${String(n).padStart(4, '0')}`;

const engines: { kind: QueueKind; store: 'redis' | 'postgres'; problem: string | undefined }[] = [
  { kind: 'bullmq', store: 'redis', problem: redisProblem },
  { kind: 'pg-boss', store: 'postgres', problem: postgresProblem },
];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function stopAll(children: Child[]): Promise<void> {
  for (const child of children) if (child.process.exitCode === null && !child.process.killed) child.send('stop');
  await Promise.all(
    children.map((child) => Promise.race([child.exited, sleep(15_000).then(() => child.process.kill('SIGKILL'))])),
  );
}

for (const { kind, store: storeKind, problem } of engines) {
  const scope = storeKind === 'redis' ? `mbtest:${runId('queues')}:` : runId('mbtest_queues');
  const queueName = runId('mbq').replace(/[^\w-]/g, '_');

  describe.skipIf(shouldSkip(problem, `queue tests on ${kind}`))(`marketbridge jobs on ${kind}`, () => {
    beforeAll(async () => {
      if (problem) throw new Error(`CI=true requires the ${storeKind} server: ${problem}`);
      if (storeKind === 'postgres') {
        const store = new PostgresStore({ connectionString: postgresUrl, schema: scope });
        await store.migrate();
        await store.close();
        // Create pg-boss's schema once, before several processes start at the same moment.
        const queue = openQueue(kind, scope, queueName);
        await (queue.scheduler as unknown as { boss(): Promise<unknown> }).boss();
        await queue.close();
      }
    });

    afterAll(async () => {
      if (problem) return;
      if (storeKind === 'redis') {
        const client = new Redis(redisUrl);
        await dropRedisNamespace(client, scope);
        client.disconnect();
      } else {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${scope}" CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS "${scope}_boss" CASCADE`);
        await client.end();
      }
    });

    it('completes a sync driven by 4 worker processes, one killed mid-job, with every SKU written once', async () => {
      const workers = [0, 1, 2, 3].map(() =>
        startChild('../../schedulers/children/queue-worker.ts', [kind, scope, queueName, 'sync', String(SKUS)]),
      );
      const opened = openStore(storeKind, scope);
      const queue = openQueue(kind, scope, queueName);
      try {
        await Promise.all(workers.map((worker) => worker.waitFor((m) => m.event === 'ready')));
        await queue.scheduler.schedule({
          name: SYNC_RUN_JOB,
          payload: { syncId: 'multi', tenantId: 'tenant-1', mode: 'full' },
        });
        // Kill whichever worker is between a batch's writes and its checkpoint.
        const victim = await Promise.race(
          workers.map((worker) =>
            worker
              .waitFor((m) => m.event === 'step' && m.name === 'written' && Number(m.batch) >= 1)
              .then(() => worker),
          ),
        );
        victim.process.kill('SIGKILL');
        await victim.exited;
        const shelf = new SharedShelf(opened.store);
        const levels = await until('every SKU on the shelf', async () => {
          const all = await Promise.all(Array.from({ length: SKUS }, (_, i) => shelf.read(skuOf(i + 1))));
          return all.every((level, i) => level.available === initialStock(i + 1)) ? all : undefined;
        });
        // A SKU's version counts its writes: one each, although a job was delivered twice.
        expect(levels.map((level) => level.version)).toEqual(Array(SKUS).fill(1));
        const run = await until('the run to complete', async () => {
          const state = await opened.store.get<{ status: string; batch: number }>('sync:tenant-1:multi:run');
          return state?.status === 'completed' ? state : undefined;
        });
        expect(run.batch).toBe(SKUS / 10);
        const pids = new Set(
          workers.flatMap((worker) => worker.messages.filter((m) => m.event === 'step').map((m) => m.pid)),
        );
        expect(pids.size, 'batches ran in several processes').toBeGreaterThan(1);
      } finally {
        await stopAll(workers);
        await queue.close();
        await opened.close();
      }
    }, 120_000);

    it('runs a webhook retry after the process that queued it is gone', async () => {
      const secret = 'whsec_queue_test';
      const eventId = `evt-${runId('wh')}`;
      const receiver = startChild('../../schedulers/children/queue-worker.ts', [
        kind,
        scope,
        queueName,
        'receive',
        secret,
        eventId,
      ]);
      expect((await receiver.waitFor((m) => m.event === 'received')).status).toBe('queued');
      expect(await receiver.exited).toBe(0);
      const opened = openStore(storeKind, scope);
      const worker = startChild('../../schedulers/children/queue-worker.ts', [
        kind,
        scope,
        queueName,
        'webhooks',
        secret,
      ]);
      try {
        await worker.waitFor((m) => m.event === 'ready');
        const handled = await until(
          'the retry to run',
          async () => (await opened.store.get<number>(`handled:${eventId}`)) ?? undefined,
        );
        expect(handled).toBe(1);
        const retry = await worker.waitFor((m) => m.event === 'handler');
        expect(retry).toMatchObject({ attempt: 2, eventId });
        // Nothing left to retry and nothing dead-lettered.
        expect(await opened.store.list('webhooks:tenant-1:retry:')).toEqual([]);
        expect(await opened.store.list('webhooks:tenant-1:dead:')).toEqual([]);
      } finally {
        await stopAll([worker]);
        await opened.close();
      }
    }, 60_000);
  });
}
