import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { signHmacTestRequest, signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import {
  createHmacVerifier,
  createWebhookProcessor,
  type WebhookEvent,
  type WebhookRoutes,
} from '../../src/webhooks/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';

const SECRET = 'shpss_routing-secret';
// X-Shopify-Topic is not signed: a replayed capture can carry any of these.
const PROTOTYPE_TOPICS = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

function processor(routes: WebhookRoutes) {
  const store = new MemoryStore();
  return {
    store,
    processor: createWebhookProcessor({
      verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
      routes,
      context: { store },
    }),
  };
}

describe('webhook routing by own properties only', () => {
  it.each(PROTOTYPE_TOPICS)('topic "%s" reaches the "*" handler, never an Object.prototype member', async (topic) => {
    const seen: WebhookEvent[] = [];
    let ordered = 0;
    const { processor: p } = processor({
      shopify: { 'orders/create': () => void ordered++, '*': (event) => void seen.push(event) },
    });
    const request = await signShopifyTestRequest({ secret: SECRET, body: '{"id":1}', topic, eventId: `evt-${topic}` });
    expect(await p.receive('shopify', request)).toMatchObject({ status: 'processed', topic });
    expect(seen.map((event) => event.topic)).toEqual([topic]);
    expect(ordered).toBe(0);
  });

  it.each(PROTOTYPE_TOPICS)(
    'topic "%s" without a "*" route is unrouted and records nothing to retry',
    async (topic) => {
      const { processor: p, store } = processor({ shopify: { 'orders/create': () => {} } });
      const request = await signShopifyTestRequest({
        secret: SECRET,
        body: '{"id":1}',
        topic,
        eventId: `evt-${topic}`,
      });
      expect(await p.receive('shopify', request)).toMatchObject({ status: 'unrouted', topic });
      expect((await store.list('webhooks:')).filter((key) => !key.includes(':seen:'))).toEqual([]);
    },
  );

  it('a topic configured under a prototype member name is routed to its own handler', async () => {
    const calls: string[] = [];
    const { processor: p } = processor({
      shopify: { constructor: () => void calls.push('own'), '*': () => void calls.push('star') },
    });
    await p.receive(
      'shopify',
      await signShopifyTestRequest({ secret: SECRET, body: '{}', topic: 'constructor', eventId: 'e-own' }),
    );
    expect(calls).toEqual(['own']);
  });

  it('a platform named like a prototype member falls back to the "*" platform', async () => {
    const calls: string[] = [];
    const verifier = createHmacVerifier({
      platform: 'toString',
      secrets: [SECRET],
      header: 'x-signature',
      encoding: 'hex',
    });
    const p = createWebhookProcessor({
      verifiers: [verifier],
      routes: { '*': { '*': (event) => void calls.push(event.topic) } },
      context: { store: new MemoryStore() },
    });
    const request = await signHmacTestRequest({
      secret: SECRET,
      header: 'x-signature',
      encoding: 'hex',
      body: '{"id":7,"type":"hasOwnProperty"}',
    });
    expect(await p.receive('toString', request)).toMatchObject({ status: 'processed' });
    expect(calls).toEqual(['hasOwnProperty']);
  });

  it('a retry of an event with a prototype-member topic is routed the same way', async () => {
    let failures = 1;
    const calls: string[] = [];
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const p = createWebhookProcessor({
      verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
      routes: {
        shopify: {
          '*': (event) => {
            calls.push(`${event.topic}#${event.attempt}`);
            if (failures-- > 0) throw new Error('down');
          },
        },
      },
      context: { store, clock },
      retry: { baseDelayMs: 1 },
      random: () => 0,
    });
    await p.receive(
      'shopify',
      await signShopifyTestRequest({ secret: SECRET, body: '{}', topic: '__proto__', eventId: 'e-r' }),
    );
    await clock.advance(1);
    expect(await p.runDueRetries()).toEqual({ attempted: 1, succeeded: 1, deadLettered: 0 });
    expect(calls).toEqual(['__proto__#1', '__proto__#2']);
  });

  it('refuses routes whose handlers are not functions, naming each one', () => {
    const routes = {
      shopify: { 'orders/create': 'importOrder', ok: () => {} },
      ebay: null,
    } as unknown as WebhookRoutes;
    let caught: unknown;
    try {
      createWebhookProcessor({ verifiers: [createShopifyVerifier({ secrets: [SECRET] })], routes });
    } catch (error) {
      caught = error;
    }
    expect(isMarketbridgeError(caught, 'validation_failed')).toBe(true);
    expect((caught as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path)).toEqual([
      ['routes', 'shopify', 'orders/create'],
      ['routes', 'ebay'],
    ]);
  });
});
