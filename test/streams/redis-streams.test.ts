import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus, type MarketbridgeEvents } from '../../src/core/events.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { appendToRedisStream, createStreamConsumer, RedisStreamSource } from '../../src/streams/redis.js';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';
import { createWebhookProcessor } from '../../src/webhooks/index.js';
import { dropRedisNamespace, probeRedis, redisUrl, runId, shouldSkip, sleep } from '../stores/servers.js';

const problem = await probeRedis();
const prefix = `mbtest:${runId('streams')}:`;
const secret = 'whsec_stream';

function world(store = new MemoryStore()) {
  const handled: string[] = [];
  const processor = createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [secret] })],
    routes: { shopify: { 'orders/create': (event) => void handled.push(event.eventId) } },
    context: { store },
  });
  return { handled, processor };
}

async function append(client: Redis, stream: string, eventId: string, options: { forged?: boolean } = {}) {
  const body = JSON.stringify({ id: eventId });
  const signed = await signShopifyTestRequest({ secret: options.forged ? 'wrong' : secret, body, eventId });
  return appendToRedisStream(client, stream, {
    platform: 'shopify',
    headers: signed.headers as Record<string, string>,
    body,
  });
}

describe.skipIf(shouldSkip(problem, 'Redis Streams tests'))('Redis Streams source', () => {
  const client = new Redis(redisUrl);
  afterAll(async () => {
    await dropRedisNamespace(client, prefix);
    client.disconnect();
  });

  it('feeds every entry to the processor once, acknowledges it, and reports lag and progress', async () => {
    if (problem) throw new Error(`CI=true requires Redis: ${problem}`);
    const stream = `${prefix}s1`;
    for (const id of ['e1', 'e2', 'e3']) await append(client, stream, id);
    await append(client, stream, 'e2'); // a redelivery by the platform
    await append(client, stream, 'e4', { forged: true });
    const source = new RedisStreamSource({ client, stream, group: 'g', consumer: 'c1' });
    expect(await source.lag()).toBe(5);
    const { handled, processor } = world();
    const events = new EventBus();
    const progress: MarketbridgeEvents['streamProgress'][] = [];
    events.on('streamProgress', (event) => progress.push(event));
    const rejected: string[] = [];
    const consumer = createStreamConsumer({
      source,
      processor,
      events,
      waitMs: 50,
      onRejected: (_m, outcome) => rejected.push(outcome.reason),
    });
    expect(await consumer.runOnce()).toEqual({ received: 5, acked: 5, rejected: 1, duplicates: 1 });
    expect(handled).toEqual(['e1', 'e2', 'e3']);
    expect(rejected).toEqual(['signature_mismatch']);
    expect(await source.lag()).toBe(0);
    expect(progress).toEqual([
      { source: `redis:${stream}/g`, platform: 'shopify', received: 5, acked: 5, rejected: 1, lag: 0 },
    ]);
    expect(await consumer.runOnce()).toEqual({ received: 0, acked: 0, rejected: 0, duplicates: 0 });
    await source.close();
  });

  it('claims the entries a crashed consumer left pending, and processes each once', async () => {
    const stream = `${prefix}s2`;
    for (const id of ['p1', 'p2', 'p3']) await append(client, stream, id);
    const crashed = new RedisStreamSource({ client, stream, group: 'g', consumer: 'dies' });
    expect(await crashed.pull({ max: 10, waitMs: 10 })).toHaveLength(3);
    await crashed.close(); // never acknowledged
    const source = new RedisStreamSource({ client, stream, group: 'g', consumer: 'survivor', claimIdleMs: 200 });
    const { handled, processor } = world();
    const consumer = createStreamConsumer({ source, processor, waitMs: 50 });
    expect((await consumer.runOnce()).received).toBe(0); // not idle long enough yet
    await sleep(300);
    expect(await consumer.runOnce()).toMatchObject({ received: 3, acked: 3 });
    expect(handled).toEqual(['p1', 'p2', 'p3']);
    expect(await client.xpending(stream, 'g')).toEqual([0, null, null, null]);
    await source.close();
  });

  it('leaves a message unacknowledged when the processor cannot commit it, and delivers it again', async () => {
    const stream = `${prefix}s3`;
    await append(client, stream, 'f1');
    const store = new MemoryStore();
    let down = true;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === 'compareAndSet' && down)
          return async () => {
            throw new Error('store unavailable');
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { handled, processor } = world(flaky);
    const source = new RedisStreamSource({ client, stream, group: 'g', consumer: 'c', claimIdleMs: 100 });
    const consumer = createStreamConsumer({ source, processor, waitMs: 50 });
    await expect(consumer.runOnce()).rejects.toThrow('store unavailable');
    expect(await source.lag()).toBe(1);
    down = false;
    await sleep(150);
    expect(await consumer.runOnce()).toMatchObject({ received: 1, acked: 1 });
    expect(handled).toEqual(['f1']);
    await source.close();
  });

  it('validates its options, every problem at once', () => {
    expect(() => new RedisStreamSource({ stream: '', group: 'g', consumer: '' } as never)).toThrow(
      /client[\s\S]*stream[\s\S]*consumer/,
    );
  });
});
