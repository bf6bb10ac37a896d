import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { marketbridgeJobHandlers } from '../../src/schedulers/marketbridge-jobs.js';
import { JobBusyError } from '../../src/schedulers/job-busy-error.js';
import { repeatQueueName } from '../../src/schedulers/pg-boss/scheduler.js';
import { SYNC_CONTINUE_JOB } from '../../src/sync/inventory/engine.js';
import type { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import {
  dropRedisNamespace,
  postgresUrl,
  probePostgres,
  probeRedis,
  redisUrl,
  runId,
  shouldSkip,
  sleep,
} from '../stores/servers.js';
import { openQueue, type QueueKind } from './children/open-queue.js';

const problems = { bullmq: await probeRedis(), 'pg-boss': await probePostgres() };

async function until<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

for (const kind of ['bullmq', 'pg-boss'] as QueueKind[]) {
  const scope = kind === 'bullmq' ? `mbtest:${runId('sched')}:` : runId('mbtest_sched');
  const queueName = runId('mbs').replace(/[^\w-]/g, '_');
  describe.skipIf(shouldSkip(problems[kind], `scheduler tests on ${kind}`))(`the ${kind} scheduler`, () => {
    const queue = openQueue(kind, scope, queueName);
    afterAll(async () => {
      await queue.close();
      if (kind === 'bullmq') {
        const client = new Redis(redisUrl);
        await dropRedisNamespace(client, scope);
        client.disconnect();
      } else {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${scope}_boss" CASCADE`);
        await client.end();
      }
    });

    it('runs a delayed job no earlier than runAt, and a rescheduled key only once, with the latest payload', async () => {
      if (problems[kind]) throw new Error(`CI=true requires the server: ${problems[kind]}`);
      const runs: { name: string; payload: unknown; at: number }[] = [];
      const record = (name: string) => (payload: unknown) => void runs.push({ name, payload, at: Date.now() });
      const worker = await queue.startWorker({
        'test.delayed': record('test.delayed'),
        'test.keyed': record('test.keyed'),
      });
      try {
        const start = Date.now();
        await queue.scheduler.schedule({ name: 'test.delayed', payload: { n: 1 }, runAt: start + 1_200 });
        await queue.scheduler.schedule({ name: 'test.keyed', payload: { v: 1 }, runAt: start + 600, key: 'k' });
        await queue.scheduler.schedule({ name: 'test.keyed', payload: { v: 2 }, runAt: start + 900, key: 'k' });
        await until(() => (runs.length >= 2 ? runs : undefined));
        await sleep(1_500);
        const delayed = runs.filter((run) => run.name === 'test.delayed');
        expect(delayed).toHaveLength(1);
        expect(delayed[0]!.at).toBeGreaterThanOrEqual(start + 1_200);
        expect(runs.filter((run) => run.name === 'test.keyed').map((run) => run.payload)).toEqual([{ v: 2 }]);
      } finally {
        await worker.close();
      }
    }, 30_000);

    it('on close(), lets a running job finish before it resolves, and the finished job is not delivered again', async () => {
      if (problems[kind]) throw new Error(`CI=true requires the server: ${problems[kind]}`);
      const events: string[] = [];
      const slow = async () => {
        events.push('started');
        await sleep(800);
        events.push('finished');
      };
      const worker = await queue.startWorker({ 'test.slow': slow });
      await queue.scheduler.schedule({ name: 'test.slow', payload: {}, runAt: Date.now() });
      await until(() => (events.includes('started') ? true : undefined));
      await worker.close();
      events.push('closed');
      expect(events).toEqual(['started', 'finished', 'closed']);
      const next = await queue.startWorker({ 'test.slow': slow });
      try {
        await sleep(1_500);
        expect(events.filter((event) => event === 'started')).toHaveLength(1);
      } finally {
        await next.close();
      }
    }, 30_000);

    it('reports its queue counts', async () => {
      await queue.scheduler.schedule({ name: 'test.later', payload: {}, runAt: Date.now() + 60_000 });
      expect(await queue.scheduler.counts()).toMatchObject({ delayed: 1, active: 0 });
    });

    it('rejects a job that cannot be queued, every problem at once', async () => {
      await expect(queue.scheduler.schedule({ name: '', payload: { n: 1n }, runAt: Number.NaN })).rejects.toMatchObject(
        {
          code: 'validation_failed',
          issues: [{ path: ['name'] }, { path: ['runAt'] }, { path: ['payload'] }],
        },
      );
    });
  });
}

describe.skipIf(shouldSkip(problems.bullmq, 'repeating jobs on BullMQ'))('repeating jobs', () => {
  it('on BullMQ, repeat every interval until removed', async () => {
    const scope = `mbtest:${runId('repeat')}:`;
    const queue = openQueue('bullmq', scope, 'repeat');
    const scheduler = queue.scheduler as unknown as import('../../src/schedulers/bullmq.js').BullMQScheduler;
    let runs = 0;
    const worker = await queue.startWorker({ 'test.tick': () => void runs++ });
    try {
      await scheduler.repeat({ key: 'tick', name: 'test.tick', payload: {}, everyMs: 1_000 });
      await until(() => (runs >= 2 ? runs : undefined), 15_000);
      expect(await scheduler.unrepeat('tick')).toBe(true);
    } finally {
      await worker.close();
      await queue.close();
      const client = new Redis(redisUrl);
      await dropRedisNamespace(client, scope);
      client.disconnect();
    }
  }, 30_000);
});

describe('repeating job options', () => {
  it('pg-boss repeats by cron only, and says so', async () => {
    const { PgBossScheduler } = await import('../../src/schedulers/pg-boss.js');
    const scheduler = new PgBossScheduler({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    await expect(scheduler.repeat({ key: 'k', name: 'n', payload: {}, everyMs: 60_000 })).rejects.toThrow(
      /cron only: use `pattern`/,
    );
    await expect(scheduler.repeat({ key: 'k', name: 'n', payload: {}, pattern: 'every minute' })).rejects.toThrow(
      /five-field cron/,
    );
  });

  it('names one pg-boss queue per repeating key, with only safe characters', () => {
    expect(repeatQueueName('marketbridge', 'refresh:shop-1')).toBe('marketbridge__repeat__refresh_3ashop-1');
  });
});

describe('marketbridge job handlers', () => {
  const signal = new AbortController().signal;
  const run = { id: '1', name: SYNC_CONTINUE_JOB, attempt: 1, signal };

  it('turn a busy sync into a retryable JobBusyError', async () => {
    const engine = {
      id: 'default',
      context: { tenantId: 't' },
      continueSync: async () => ({ syncId: 'default', status: 'busy' }),
    } as unknown as InventorySyncEngine;
    const handlers = marketbridgeJobHandlers({ syncs: [engine] });
    const error = await Promise.resolve(handlers[SYNC_CONTINUE_JOB]!({ syncId: 'default', tenantId: 't' }, run)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobBusyError);
    expect((error as JobBusyError).retryable).toBe(true);
  });

  it('fail with a typed, non-retryable error when the payload names no known engine', async () => {
    const engine = { id: 'default', context: { tenantId: 't' } } as unknown as InventorySyncEngine;
    const error = await Promise.resolve(
      marketbridgeJobHandlers({ syncs: [engine] })[SYNC_CONTINUE_JOB]!({ syncId: 'other' }, run),
    ).catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'not_found')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(false);
  });

  it('only exist for the targets given', () => {
    expect(Object.keys(marketbridgeJobHandlers({}))).toEqual([]);
  });
});
