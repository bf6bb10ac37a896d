import { afterEach, describe, expect, it } from 'vitest';
import { SHOPIFY_FRESH_KEY_LIMIT, ShopifyIdempotencyKeyReusedError } from '../../../src/connectors/shopify/index.js';
import { setCallKey } from '../../../src/connectors/shopify/idempotency.js';
import type { InventorySet } from '../../../src/model/inventory.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { InventorySyncEngine } from '../../../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../../../src/sync/inventory/memory-source.js';
import { createHarness, type Harness } from './harness.js';

const setKeys = (h: Harness) =>
  h.requests
    .filter((request) => request.query.includes('inventorySetQuantities'))
    .map((request) => request.variables.idempotencyKey as string);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotent absolute sets (@idempotent on inventorySetQuantities)', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('the same keyed chunk sent twice writes once and returns the first outcome', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    const chunk: InventorySet[] = [
      { sku: 'SKU-1', quantity: 7, expectedAvailable: 10, idempotencyKey: 'round-1/SKU-1' },
      { sku: 'SKU-2', quantity: 4, expectedVersion: 10, idempotencyKey: 'round-1/SKU-2' },
    ];
    const first = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(first.succeeded).toBe(2);
    // A sale lands after the write; a second write would now be refused (stale) or undo the sale.
    h.simulator.setAvailable('SKU-1', 6);
    const second = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(second.succeeded).toBe(2);
    expect(second.items.map((item) => item.ok && item.value.available)).toEqual([7, 4]);
    expect(h.simulator.available('SKU-1')).toBe(6);
    expect(h.simulator.available('SKU-2')).toBe(4);
    const keys = setKeys(h);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
  });

  it('a refused compare-and-set replays as the same refusal, even when a new write would now pass', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    const chunk: InventorySet[] = [
      { sku: 'SKU-1', quantity: 3, expectedAvailable: 9, idempotencyKey: 'round-2/SKU-1' },
    ];
    const first = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(first.items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    h.simulator.setAvailable('SKU-1', 9);
    const second = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(second.items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(h.simulator.available('SKU-1')).toBe(9);
    expect(new Set(setKeys(h)).size).toBe(1);
  });

  it('after a lost answer the re-sent chunk gets the original result and stock changes once', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 }, config: { retries: 0 } });
    const stop = h.simulator.before('MbInventorySetIdempotent', () => {
      h.simulator.loseNextResponse();
      stop();
    });
    const chunk: InventorySet[] = [
      { sku: 'SKU-1', quantity: 5, expectedAvailable: 10, idempotencyKey: 'round-3/SKU-1' },
      { sku: 'SKU-2', quantity: 8, expectedAvailable: 10, idempotencyKey: 'round-3/SKU-2' },
    ];
    const lost = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(lost.failed).toBe(2);
    // Shopify applied the write although its answer never arrived; then a sale lands.
    expect(h.simulator.available('SKU-1')).toBe(5);
    h.simulator.setAvailable('SKU-2', 7);
    const resent = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(resent.succeeded).toBe(2);
    expect(resent.items.map((item) => item.ok && item.value.available)).toEqual([5, 8]);
    expect(h.simulator.available('SKU-1')).toBe(5);
    expect(h.simulator.available('SKU-2')).toBe(7);
    expect(h.simulator.stats().byOperation.MbInventorySetIdempotent).toBe(2);
    const keys = setKeys(h);
    expect(keys[1]).toBe(keys[0]);
  });

  it('unkeyed and partly keyed calls use a fresh random key every time', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    await h.clock.drive(() => h.shopify.setInventory([{ sku: 'SKU-1', quantity: 5, expectedAvailable: 10 }]));
    await h.clock.drive(() => h.shopify.setInventory([{ sku: 'SKU-1', quantity: 5, expectedAvailable: 5 }]));
    const mixed: InventorySet[] = [
      { sku: 'SKU-1', quantity: 6, expectedAvailable: 5, idempotencyKey: 'round-4/SKU-1' },
      { sku: 'SKU-2', quantity: 6, expectedAvailable: 10 },
    ];
    const first = await h.clock.drive(() => h.shopify.setInventory(mixed));
    expect(first.succeeded).toBe(2);
    // Not deduplicated: the replay is a new write and its compare values are now stale.
    const second = await h.clock.drive(() => h.shopify.setInventory(mixed));
    expect(second.failed).toBe(2);
    const keys = setKeys(h);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('a key reused for a different write is a typed, non-retryable error and writes nothing', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    await h.clock.drive(() =>
      h.shopify.setInventory([{ sku: 'SKU-1', quantity: 4, expectedAvailable: 10, idempotencyKey: 'round-5/SKU-1' }]),
    );
    const reused = await h.clock.drive(() =>
      h.shopify.setInventory([{ sku: 'SKU-1', quantity: 2, expectedAvailable: 4, idempotencyKey: 'round-5/SKU-1' }]),
    );
    const item = reused.items[0]!;
    expect(item.ok).toBe(false);
    if (item.ok) return;
    expect(item.error).toBeInstanceOf(ShopifyIdempotencyKeyReusedError);
    expect(item.error).toMatchObject({
      code: 'conflict',
      retryable: false,
      platform: 'shopify',
      operation: 'setInventory',
    });
    expect(item.error.message).toMatch(/reused for a different write/);
    expect(h.simulator.available('SKU-1')).toBe(4);
  });

  it('keyed items without an expected value carry the compare value they read in the key, so a replay never trips key reuse', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    const chunk: InventorySet[] = [{ sku: 'SKU-1', quantity: 5, idempotencyKey: 'round-7/SKU-1' }];
    expect((await h.clock.drive(() => h.shopify.setInventory(chunk))).succeeded).toBe(1);
    h.simulator.setAvailable('SKU-1', 4);
    const again = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(again.succeeded).toBe(1);
    expect(h.simulator.available('SKU-1')).toBe(5);
    const keys = setKeys(h);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('derives keys from the item keys in order, unambiguously', async () => {
    const key = (keys: string[], round = 0, location = 'gid://shopify/Location/1') =>
      setCallKey(
        location,
        round,
        keys.map((idempotencyKey) => ({ idempotencyKey, readCompare: null })),
      );
    const base = await key(['a', 'b']);
    expect(base).toMatch(UUID);
    expect(await key(['a', 'b'])).toBe(base);
    expect(await key(['b', 'a'])).not.toBe(base);
    expect(await key(['a|b'])).not.toBe(await key(['a', 'b']));
    expect(await key(['a", "b'])).not.toBe(base);
    expect(await key(['a', 'b'], 1)).not.toBe(base);
    expect(await key(['a', 'b'], 0, 'gid://shopify/Location/2')).not.toBe(base);
    expect(await setCallKey('l', 0, [{ idempotencyKey: 'a', readCompare: 3 }])).not.toBe(
      await setCallKey('l', 0, [{ idempotencyKey: 'a', readCompare: 4 }]),
    );
  });

  it('one canonical chunk of maxBatchSize.setInventory items is one Shopify call', async () => {
    h = createHarness({ simulator: { products: 260, initialAvailable: 10 } });
    const max = h.shopify.capabilities.maxBatchSize.setInventory!;
    const chunk = Array.from(
      { length: max },
      (_, i): InventorySet => ({
        sku: `SKU-${i + 1}`,
        quantity: 3,
        expectedAvailable: 10,
        idempotencyKey: `round-6/${i}`,
      }),
    );
    const result = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(result.succeeded).toBe(max);
    expect(h.simulator.stats().byOperation.MbInventorySetIdempotent).toBe(1);
  });

  it('a keyed set whose attempt failed inside Shopify (IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED) is sent under a fresh derived key and applied once; a replay walks the same keys', async () => {
    h = createHarness({ simulator: { products: 2, initialAvailable: 10 } });
    const chunk: InventorySet[] = [
      { sku: 'SKU-1', quantity: 6, expectedAvailable: 10, idempotencyKey: 'round-8/SKU-1' },
      { sku: 'SKU-2', quantity: 3, expectedAvailable: 10, idempotencyKey: 'round-8/SKU-2' },
    ];
    // Shopify fails the first attempt after taking its key (HTTP 500); the pipeline sends the same
    // request again and Shopify answers that the key's attempt failed.
    h.simulator.failNextAttempt();
    const first = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(first.succeeded).toBe(2);
    expect([h.simulator.available('SKU-1'), h.simulator.available('SKU-2')]).toEqual([6, 3]);
    await h.settled();
    const sent = h.requests.filter((request) => request.query.includes('inventorySetQuantities'));
    expect(sent.map((request) => request.response?.status)).toEqual([500, 200, 200]);
    expect(JSON.stringify(sent[1]!.response?.body)).toContain('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED');
    const keys = setKeys(h);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[2]).toMatch(UUID);
    // A sale lands; the same chunk sent again (a lost answer, a crash) meets the failed key, then
    // the fresh one, whose first result Shopify returns: nothing is written twice.
    h.simulator.setAvailable('SKU-1', 5);
    const replay = await h.clock.drive(() => h.shopify.setInventory(chunk));
    expect(replay.succeeded).toBe(2);
    expect(h.simulator.available('SKU-1')).toBe(5);
    expect(setKeys(h).slice(3)).toEqual([keys[0], keys[2]]);
  });

  it('an unkeyed call whose attempt failed gets a new random key; keys failing again and again end in a retryable error, nothing written', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    h.simulator.failNextAttempt();
    expect(
      (await h.clock.drive(() => h.shopify.setInventory([{ sku: 'SKU-1', quantity: 4, expectedAvailable: 10 }])))
        .succeeded,
    ).toBe(1);
    const keys = setKeys(h);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(2);
    h.simulator.failNextAttempt(SHOPIFY_FRESH_KEY_LIMIT + 1);
    const refused = await h.clock.drive(() =>
      h.shopify.setInventory([{ sku: 'SKU-1', quantity: 2, expectedAvailable: 4, idempotencyKey: 'round-9/SKU-1' }]),
    );
    expect(refused.items[0]).toMatchObject({
      ok: false,
      error: {
        code: 'marketplace_api_error',
        retryable: true,
        message: expect.stringContaining('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED'),
      },
    });
    expect(h.simulator.available('SKU-1')).toBe(4);
  });

  it('declares idempotentSets from 2026-01 on, not before', () => {
    h = createHarness({ config: { apiVersion: '2026-01' } });
    expect(h.shopify.capabilities.idempotentSets).toBe(true);
    h.close();
    h = createHarness({ config: { apiVersion: '2025-10' } });
    expect(h.shopify.capabilities.idempotentSets).toBe(false);
    expect(h.shopify.capabilities.idempotentAdjustments).toBe(false);
  });
});

describe('inventory sync on Shopify with a lost answer', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('settles the lost write by re-sending it, and counts the sale made before the replay once', async () => {
    h = createHarness({ simulator: { products: 20, initialAvailable: 10 }, config: { retries: 0 } });
    const skus = Array.from({ length: 20 }, (_, i) => `SKU-${i + 1}`);
    const source = new InMemoryInventorySource(Object.fromEntries(skus.map((sku) => [sku, 6])), h.clock);
    const store = new MemoryStore({ clock: h.clock });
    const engine = () =>
      new InventorySyncEngine({ source, channels: [{ marketplace: h.shopify }], context: { store, clock: h.clock } });
    expect(h.shopify.capabilities.idempotentSets).toBe(true);
    // The first write applies but its answer is lost; a buyer takes one SKU-1 before the engine sends the call again.
    const lose = h.simulator.before('MbInventorySetIdempotent', () => {
      h.simulator.loseNextResponse();
      lose();
      const sell = h.simulator.before('MbInventorySetIdempotent', () => {
        h.simulator.setAvailable('SKU-1', (h.simulator.available('SKU-1') ?? 0) - 1);
        sell();
      });
    });
    expect((await h.clock.drive(() => engine().runSync())).status).toBe('completed');
    const sets = setKeys(h);
    expect(sets).toHaveLength(2);
    expect(sets[1]).toBe(sets[0]);
    expect(h.simulator.available('SKU-1')).toBe(5);
    expect((await h.clock.drive(() => engine().runSync({ mode: 'full' }))).status).toBe('completed');
    expect((await source.getLevels(['SKU-1', 'SKU-2'])).map((level) => level.available)).toEqual([5, 6]);
    for (const sku of skus) expect(h.simulator.available(sku)).toBe(sku === 'SKU-1' ? 5 : 6);
  });
});
