import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import type { SetOptions } from '../../src/stores/store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { signShopifyTestRequest } from '../../src/testing/webhooks/index.js';
import { createWebhookProcessor, handleWebhook, type WebhookEvent } from '../../src/webhooks/index.js';
import { createShopifyVerifier } from '../../src/connectors/shopify/index.js';

const SECRET = 'shpss_store-failure-secret';

/** A store whose next writes matching a pattern fail, as a store losing its connection would. */
class FlakyStore extends MemoryStore {
  readonly failures: { op: 'set' | 'delete' | 'compareAndSet'; key: RegExp; times: number; skip: number }[] = [];
  constructor(clock: Clock) {
    super({ clock });
  }
  /** Fails the next matching call (after letting `skip` matching calls through). */
  failNext(op: 'set' | 'delete' | 'compareAndSet', key: RegExp, skip = 0): void {
    this.failures.push({ op, key, times: 1, skip });
  }
  #check(op: 'set' | 'delete' | 'compareAndSet', key: string): void {
    const rule = this.failures.find((f) => f.op === op && f.times > 0 && f.key.test(key));
    if (!rule) return;
    if (rule.skip-- > 0) return;
    rule.times--;
    throw new Error(`store unavailable (${op})`);
  }
  override set(key: string, value: unknown, options?: SetOptions) {
    this.#check('set', key);
    return super.set(key, value, options);
  }
  override delete(key: string) {
    this.#check('delete', key);
    return super.delete(key);
  }
  override compareAndSet(key: string, expected: unknown, next: unknown, options?: SetOptions) {
    this.#check('compareAndSet', key);
    return super.compareAndSet(key, expected, next, options);
  }
}

function setup(options: { failTimes?: number; waitUntil?: (work: Promise<unknown>) => void } = {}) {
  const clock = new FakeClock();
  const store = new FlakyStore(clock);
  const calls: WebhookEvent[] = [];
  const logged: string[] = [];
  let failures = options.failTimes ?? 0;
  const log = (message: string) => void logged.push(message);
  const processor = createWebhookProcessor({
    verifiers: [createShopifyVerifier({ secrets: [SECRET] })],
    routes: {
      shopify: {
        'orders/create': (event) => {
          calls.push(event);
          if (failures-- > 0) throw new Error('downstream unavailable');
        },
      },
    },
    context: { store, clock, logger: { debug: log, info: log, warn: log, error: log } },
    retry: { maxAttempts: 3, baseDelayMs: 1_000 },
    random: () => 1,
    ...(options.waitUntil ? { waitUntil: options.waitUntil } : {}),
  });
  return { clock, store, calls, logged, processor };
}

const delivery = (eventId: string) =>
  signShopifyTestRequest({ secret: SECRET, body: '{"id":1}', eventId, topic: 'orders/create' });

describe('webhook bookkeeping when the store fails', () => {
  it('a failed write of the pending record releases the claim: the redelivery is processed, not a duplicate', async () => {
    const { processor, store, calls } = setup();
    const request = await delivery('evt-pending');
    store.failNext('set', /:retry:/);
    const error = await processor.receive('shopify', request).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isMarketbridgeError(error, 'internal')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
    expect(calls).toHaveLength(0);
    expect(await processor.receive('shopify', request)).toMatchObject({ status: 'processed' });
    expect(calls).toHaveLength(1);
    expect(await store.list('webhooks:')).toEqual([expect.stringContaining(':seen:')]);
  });

  it('the adapter answers 503 for that delivery, so the platform redelivers it', async () => {
    const { processor, store, calls } = setup();
    const request = { ...(await delivery('evt-503')), url: 'https://app.test/webhooks/shopify', method: 'POST' };
    store.failNext('set', /:retry:/);
    const reported: unknown[] = [];
    expect(await handleWebhook(processor, request, { onError: (e) => reported.push(e) })).toMatchObject({
      status: 503,
      body: '{"status":"error"}',
    });
    expect(reported).toHaveLength(1);
    expect((await handleWebhook(processor, request)).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('a handler failure whose retry record cannot be written releases the claim: the redelivery runs the handler again', async () => {
    const { processor, store, calls } = setup({ failTimes: 1 });
    const request = await delivery('evt-retry');
    // The retry record is the event's state under its id (the body stays under retry:).
    store.failNext('set', /:seen:/);
    await expect(processor.receive('shopify', request)).rejects.toSatisfy((e: unknown) =>
      isMarketbridgeError(e, 'internal'),
    );
    expect(await processor.receive('shopify', request)).toMatchObject({ status: 'processed' });
    expect(calls.map((event) => event.attempt)).toEqual([1, 1]);
    expect((await store.list('webhooks:')).filter((key) => !key.includes(':seen:'))).toEqual([]);
  });

  it('when the claim cannot be released either, the pending record stays and a retry pass runs the handler', async () => {
    const { processor, store, calls, clock } = setup({ failTimes: 1 });
    const request = await delivery('evt-stuck');
    store.failNext('set', /:seen:/);
    // The first compare-and-set on the id is the claim; the second, its release.
    store.failNext('compareAndSet', /:seen:/, 1);
    // Nothing to undo: the delivery is acknowledged as queued (the pending record carries it).
    expect(await processor.receive('shopify', request)).toMatchObject({ status: 'queued' });
    expect(await processor.receive('shopify', request)).toMatchObject({ status: 'duplicate' });
    await clock.advance(60_000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 1, deadLettered: 0 });
    expect(calls).toHaveLength(2);
  });

  it('a handler that succeeded is reported processed even if its record cannot be cleared', async () => {
    const { processor, store, calls, logged } = setup();
    store.failNext('delete', /:retry:/);
    expect(await processor.receive('shopify', await delivery('evt-clear'))).toMatchObject({ status: 'processed' });
    expect(calls).toHaveLength(1);
    expect(logged.some((line) => line.includes('could not be cleared'))).toBe(true);
    // The handler's success was not recorded as a failure.
    expect(logged.some((line) => line.includes('handler failed'))).toBe(false);
  });

  it('with waitUntil, a failure that cannot be recorded leaves the pending record for a retry pass and never rejects', async () => {
    const work: Promise<unknown>[] = [];
    const { processor, store, calls, clock, logged } = setup({ failTimes: 1, waitUntil: (w) => work.push(w) });
    store.failNext('set', /:seen:/);
    expect(await processor.receive('shopify', await delivery('evt-deferred'))).toMatchObject({ status: 'queued' });
    await expect(Promise.all(work)).resolves.toBeDefined();
    expect(logged.some((line) => line.includes('could not be recorded'))).toBe(true);
    await clock.advance(60_000);
    expect(await processor.runDueRetries()).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(calls).toHaveLength(2);
  });

  it('a retry pass goes on past a record whose failure cannot be recorded, and runs it again once its claim lapses', async () => {
    const { processor, store, calls, clock } = setup({ failTimes: 3 });
    await processor.receive('shopify', await delivery('evt-a'));
    await processor.receive('shopify', await delivery('evt-b'));
    await clock.advance(1_000);
    // evt-a's second failure cannot be recorded; evt-b then succeeds.
    store.failNext('set', /evt-a/);
    expect(await processor.runDueRetries()).toEqual({ attempted: 2, succeeded: 1, deadLettered: 0 });
    await clock.advance(60_000);
    expect(await processor.runDueRetries()).toEqual({ attempted: 1, succeeded: 1, deadLettered: 0 });
    expect(calls.map((event) => `${event.eventId}#${event.attempt}`)).toEqual([
      'evt-a#1',
      'evt-b#1',
      'evt-a#2',
      'evt-b#2',
      'evt-a#2',
    ]);
  });
});
