import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/core/events.js';
import { MemoryScheduler } from '../../src/core/scheduler.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import {
  signShopifyTestRequest,
  signStandardWebhooksTestRequest,
  toFetchRequest,
} from '../../src/testing/webhooks/index.js';
import {
  createStandardWebhooksVerifier,
  createWebhookEndpoints,
  createWebhookHandler,
  createWebhookProcessor,
  type WebhookEvent,
} from '../../src/webhooks/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';

const SECRET = 'shpss_processor-secret';

function setup(options: { failTimes?: number; maxAttempts?: number } = {}) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const events = new EventBus();
  const scheduler = new MemoryScheduler();
  const calls: WebhookEvent[] = [];
  let failures = options.failTimes ?? 0;
  const processor = createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
    routes: {
      shopify: {
        'orders/create': async (event) => {
          calls.push(event);
          if (failures-- > 0) throw new Error('downstream unavailable');
        },
      },
    },
    context: { store, clock, events, scheduler, tenantId: 'shop-1' },
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 1000, maxDelayMs: 10_000 },
    random: () => 1,
  });
  return { clock, store, events, scheduler, calls, processor };
}

describe('webhook processor', () => {
  it('1,000 concurrent redeliveries of one event produce exactly one handler call', async () => {
    const { processor, calls, events } = setup();
    const received: boolean[] = [];
    events.on('webhookReceived', (event) => received.push(event.duplicate));
    const request = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}', eventId: 'evt-1' });
    const outcomes = await Promise.all(Array.from({ length: 1000 }, () => processor.receive('shopify', request)));
    expect(calls).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'processed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(999);
    expect(received.filter((d) => !d)).toHaveLength(1);
  });

  it('routes by platform and topic and answers unrouted topics without running anything', async () => {
    const { processor, calls } = setup();
    const other = await signShopifyTestRequest({
      secret: SECRET,
      body: '{}',
      topic: 'products/update',
      eventId: 'evt-2',
    });
    expect(await processor.receive('shopify', other)).toMatchObject({ status: 'unrouted', topic: 'products/update' });
    expect(await processor.receive('ebay', other)).toMatchObject({ status: 'rejected', reason: 'unknown_platform' });
    expect(calls).toHaveLength(0);
  });

  it('rejects forged and non-JSON deliveries before deduplication', async () => {
    const { processor, store } = setup();
    const forged = await signShopifyTestRequest({ secret: 'wrong', body: '{}', eventId: 'evt-3' });
    expect(await processor.receive('shopify', forged)).toMatchObject({
      status: 'rejected',
      reason: 'signature_mismatch',
    });
    const notJson = await signShopifyTestRequest({ secret: SECRET, body: 'not json', eventId: 'evt-3' });
    expect(await processor.receive('shopify', notJson)).toMatchObject({ status: 'rejected', reason: 'malformed_body' });
    expect(await store.list('webhooks:')).toEqual([]);
  });

  it('retries a failing handler with backoff, then parks it; the dead letter can be listed and replayed', async () => {
    const { processor, calls, clock, scheduler } = setup({ failTimes: 3, maxAttempts: 3 });
    const request = await signShopifyTestRequest({ secret: SECRET, body: '{"id":9}', eventId: 'evt-9' });
    expect((await processor.receive('shopify', request)).status).toBe('queued');
    expect(scheduler.pending()).toHaveLength(1);
    expect(await processor.runDueRetries()).toEqual({ attempted: 0, succeeded: 0, deadLettered: 0 });
    await clock.advance(1000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 0 });
    await clock.advance(1999);
    expect((await processor.runDueRetries()).attempted).toBe(0);
    await clock.advance(1);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 1 });
    const letters = await processor.listDeadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ attempts: 3, lastError: 'Error: downstream unavailable' });
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    // A redelivery of the parked event is still a duplicate; replay is explicit.
    expect((await processor.receive('shopify', request)).status).toBe('duplicate');
    expect(await processor.replayDeadLetter(letters[0]!.id)).toBe(true);
    expect(calls).toHaveLength(4);
    expect(await processor.listDeadLetters()).toEqual([]);
  });

  it('a handler that recovers on retry is not parked', async () => {
    const { processor, clock } = setup({ failTimes: 1 });
    await processor.receive('shopify', await signShopifyTestRequest({ secret: SECRET, body: '{}', eventId: 'evt-r' }));
    await clock.advance(1000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 1, deadLettered: 0 });
    expect(await processor.listDeadLetters()).toEqual([]);
  });

  it('with waitUntil the delivery is acknowledged before the handler runs', async () => {
    const clock = new FakeClock();
    const pending: Promise<unknown>[] = [];
    let ran = 0;
    const processor = createWebhookProcessor({
      verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
      routes: { '*': { '*': () => void ran++ } },
      context: { clock, store: new MemoryStore({ clock }) },
      waitUntil: (work) => pending.push(work),
    });
    const outcome = await processor.receive('shopify', await signShopifyTestRequest({ secret: SECRET, body: '{}' }));
    expect(outcome.status).toBe('queued');
    await Promise.all(pending);
    expect(ran).toBe(1);
  });

  it('the Web handler answers 200, 401, 404 and 405 from a real Request', async () => {
    const { processor } = setup();
    const handler = createWebhookHandler(processor);
    const valid = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}', eventId: 'evt-w' });
    expect((await handler(toFetchRequest(valid, 'https://app.test/webhooks/shopify'))).status).toBe(200);
    const forged = await signShopifyTestRequest({ secret: 'nope', body: '{"id":1}' });
    const rejected = await handler(toFetchRequest(forged, 'https://app.test/webhooks/shopify'));
    expect(rejected.status).toBe(401);
    expect(await rejected.json()).toEqual({ status: 'rejected', reason: 'signature_mismatch' });
    expect((await handler(toFetchRequest(valid, 'https://app.test/webhooks/nowhere'))).status).toBe(404);
    expect((await handler(new Request('https://app.test/webhooks/shopify'))).status).toBe(405);
  });
});

describe('webhook endpoints', () => {
  it('registers, lists, deactivates and sends a signed test delivery that verifies', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const delivered: Request[] = [];
    const endpoints = createWebhookEndpoints({
      store,
      clock,
      tenantId: 't1',
      fetch: async (input, init) => {
        delivered.push(new Request(input, init));
        return new Response('ok');
      },
    });
    await expect(endpoints.register({ platform: '', url: 'ftp://x', events: [] })).rejects.toThrow(/3 problems/);
    const endpoint = await endpoints.register({
      platform: 'app',
      url: 'https://example.test/hooks',
      events: ['order.created'],
    });
    expect(await endpoints.list()).toEqual([endpoint]);
    expect(await endpoints.sendTest(endpoint.id)).toMatchObject({ ok: true, status: 200 });
    const request = delivered[0]!;
    const verified = await endpoints
      .verifierFor(endpoint)
      .verify({ headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) });
    expect(verified.isOk()).toBe(true);
    expect((await endpoints.deactivate(endpoint.id))?.status).toBe('disabled');
    expect((await endpoints.get(endpoint.id))?.status).toBe('disabled');
    const std = createStandardWebhooksVerifier({ secrets: [endpoint.secret], clock });
    const signed = await signStandardWebhooksTestRequest({
      secrets: [endpoint.secret],
      id: 'm',
      timestamp: Math.floor(clock.now() / 1000),
      body: '{}',
    });
    expect((await std.verify(signed)).isOk()).toBe(true);
  });
});

describe('webhook secrets never leak', () => {
  it('no canary secret appears in outcomes, log lines or events across forged and valid deliveries', async () => {
    const canaries = ['canary-shop.secret/1', 'whsec_Y2FuYXJ5LWtleS5zZWNyZXQvMQ=='];
    const lines: string[] = [];
    const log = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields)}`);
    const events = new EventBus();
    events.on('webhookReceived', (event) => lines.push(JSON.stringify(event)));
    const clock = new FakeClock();
    const processor = createWebhookProcessor({
      verifiers: [
        createShopifyVerifier({ secrets: [canaries[0]!] }),
        createStandardWebhooksVerifier({ secrets: [canaries[1]!], clock }),
      ],
      routes: { '*': { '*': () => {} } },
      context: {
        clock,
        store: new MemoryStore({ clock }),
        events,
        logger: { debug: log, info: log, warn: log, error: log },
      },
    });
    const requests = [
      await signShopifyTestRequest({ secret: canaries[0]!, body: '{"a":1}' }),
      await signShopifyTestRequest({ secret: 'wrong', body: '{"a":1}' }),
      await signStandardWebhooksTestRequest({
        secrets: [canaries[1]!],
        id: 'm1',
        timestamp: Math.floor(clock.now() / 1000),
        body: '{}',
      }),
      await signStandardWebhooksTestRequest({ secrets: [canaries[1]!], id: 'm2', timestamp: 1, body: '{}' }),
      { headers: { 'webhook-id': 'm3', 'webhook-timestamp': '1', 'webhook-signature': 'v1,bad' }, body: '{}' },
    ];
    for (const [i, request] of requests.entries()) {
      lines.push(JSON.stringify(await processor.receive(i < 2 ? 'shopify' : 'standard-webhooks', request)));
    }
    expect(lines.length).toBeGreaterThan(5);
    const leaks = lines.filter((line) => line.includes('canary') || line.includes('Y2FuYXJ5'));
    expect(leaks).toEqual([]);
  });
});

describe('crash safety', () => {
  it('an event whose handler never finished (process died) is picked up by a later retry pass', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const verifiers = [createShopifyVerifier({ secrets: [SECRET] })];
    const dying = createWebhookProcessor({
      verifiers,
      routes: { '*': { '*': () => new Promise<void>(() => {}) } },
      context: { clock, store },
    });
    const request = await signShopifyTestRequest({ secret: SECRET, body: '{"id":5}', eventId: 'evt-crash' });
    void dying.receive('shopify', request);
    await clock.advance(0);
    const handled: string[] = [];
    const survivor = createWebhookProcessor({
      verifiers,
      routes: { '*': { '*': (event) => void handled.push(event.eventId) } },
      context: { clock, store },
    });
    expect((await survivor.receive('shopify', request)).status).toBe('duplicate');
    expect((await survivor.runDueRetries()).attempted).toBe(0);
    await clock.advance(60_000);
    expect(await survivor.runDueRetries()).toEqual({ attempted: 1, succeeded: 1, deadLettered: 0 });
    expect(handled).toEqual(['evt-crash']);
  });
});

describe('pending events in the store', () => {
  const retryKey = (tenant: string, eventId: string) => `webhooks:${tenant}:retry:shopify:${eventId}`;
  const seenKey = (tenant: string, eventId: string) => `webhooks:${tenant}:seen:shopify:${eventId}`;

  it('keep the body exactly as it arrived (stored once, as text, never re-serialised from the payload)', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const body = '{ "z": 1,  "a": [1.50, "\\u00e9"], "id": 77 }';
    const seen: unknown[] = [];
    const processor = createWebhookProcessor({
      verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
      routes: {
        '*': {
          '*': async () =>
            void seen.push(
              await store.get(retryKey('default', 'evt-raw')),
              await store.get(seenKey('default', 'evt-raw')),
            ),
        },
      },
      context: { clock, store },
    });
    await processor.receive('shopify', await signShopifyTestRequest({ secret: SECRET, body, eventId: 'evt-raw' }));
    expect(seen).toEqual([
      body,
      {
        at: clock.now(),
        platform: 'shopify',
        eventId: 'evt-raw',
        topic: 'orders/create',
        failures: 0,
        nextAttemptAt: clock.now() + 60_000,
      },
    ]);
    expect(await store.get(retryKey('default', 'evt-raw'))).toBeUndefined();
  });

  it('a retry parses the stored body again: the handler gets the same payload on every attempt', async () => {
    const { processor, calls, clock, store } = setup({ failTimes: 1 });
    const body = '{"id":12,"line_items":[{"sku":"A-1","price":"19.99"}],"note":null}';
    await processor.receive('shopify', await signShopifyTestRequest({ secret: SECRET, body, eventId: 'evt-twice' }));
    expect(await store.get(seenKey('shop-1', 'evt-twice'))).toMatchObject({
      failures: 1,
      lastError: 'Error: downstream unavailable',
    });
    expect(await store.get(retryKey('shop-1', 'evt-twice'))).toBe(body);
    await clock.advance(1000);
    await processor.runDueRetries();
    expect(calls.map((c) => [c.attempt, c.payload])).toEqual([
      [1, JSON.parse(body)],
      [2, JSON.parse(body)],
    ]);
    expect(await store.get(retryKey('shop-1', 'evt-twice'))).toBeUndefined();
  });

  it('records stored by earlier versions (the whole event with its parsed payload) are still run, retried and parked', async () => {
    const { processor, calls, clock, store } = setup({ failTimes: 2, maxAttempts: 3 });
    const legacy = {
      event: {
        platform: 'shopify',
        topic: 'orders/create',
        eventId: 'evt-old',
        payload: { id: 3, items: [{ sku: 'A-1' }] },
        tenantId: 'shop-1',
        receivedAt: 5,
        attempt: 1,
      },
      failures: 1,
      nextAttemptAt: 0,
      lastError: 'Error: down',
    };
    await store.set(retryKey('shop-1', 'evt-old'), legacy);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 0 });
    expect(calls[0]).toMatchObject({ eventId: 'evt-old', attempt: 2, payload: legacy.event.payload, receivedAt: 5 });
    // Converted: the payload as body text under the retry key, the state under the event's key.
    expect(await store.get(retryKey('shop-1', 'evt-old'))).toBe(JSON.stringify(legacy.event.payload));
    expect(await store.get(seenKey('shop-1', 'evt-old'))).toMatchObject({ at: 5, failures: 2, topic: 'orders/create' });
    await clock.advance(10_000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 1 });
    const [letter] = await processor.listDeadLetters();
    expect(letter).toMatchObject({ attempts: 3, event: { eventId: 'evt-old', payload: legacy.event.payload } });
    expect(await processor.replayDeadLetter(letter!.id)).toBe(true);
    expect(calls.map((c) => [c.attempt, c.payload])).toEqual([
      [2, legacy.event.payload],
      [3, legacy.event.payload],
      [4, legacy.event.payload],
    ]);
  });

  it('an unreadable record is skipped without running anything; a stored body that is not JSON ends in the dead-letter queue', async () => {
    const { processor, calls, clock, store } = setup({ maxAttempts: 2 });
    await store.set(retryKey('shop-1', 'junk'), { body: 7, failures: 'x' });
    await store.set(retryKey('shop-1', 'bad-json'), '{');
    await store.set(seenKey('shop-1', 'bad-json'), {
      at: 0,
      platform: 'shopify',
      eventId: 'bad-json',
      topic: 'orders/create',
      failures: 0,
      nextAttemptAt: 0,
    });
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 0 });
    await clock.advance(10_000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 0, deadLettered: 1 });
    expect(calls).toEqual([]);
    expect((await processor.listDeadLetters()).map((letter) => letter.lastError)).toEqual([
      'Error: The stored body is not JSON.',
    ]);
  });
});
