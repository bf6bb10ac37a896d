import { afterEach, describe, expect, it } from 'vitest';
import { apiVersionAtLeast, versionFeatures } from '../../../src/connectors/shopify/index.js';
import type { MarketbridgeEvents } from '../../../src/core/events.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

const adjusts = (h: Harness) => h.requests.filter((request) => request.query.includes('inventoryAdjustQuantities'));

describe('inventoryAdjustQuantities: changeFromQuantity on every change from 2026-04', () => {
  for (const apiVersion of ['2026-04', '2026-07', '2026-10']) {
    it(`adjusts on ${apiVersion}, each change carrying changeFromQuantity: null (a delta applies whatever the level is)`, async () => {
      h = createHarness({ simulator: { products: 2, initialAvailable: 10 }, config: { apiVersion } });
      const result = await h.clock.drive(() =>
        h.shopify.adjustInventory([
          { sku: 'SKU-1', delta: -2, idempotencyKey: 'order-7-line-1' },
          { sku: 'SKU-2', delta: 5 },
        ]),
      );
      expect(result.succeeded).toBe(2);
      expect([h.simulator.available('SKU-1'), h.simulator.available('SKU-2')]).toEqual([8, 15]);
      const [adjust] = adjusts(h);
      expect((adjust!.variables.input as { changes: unknown[] }).changes).toEqual([
        expect.objectContaining({ delta: -2, changeFromQuantity: null }),
        expect.objectContaining({ delta: 5, changeFromQuantity: null }),
      ]);
    });
  }

  it('a concurrent sale between the read and the adjust is not a conflict: both changes count', async () => {
    h = createHarness({ simulator: { products: 1, initialAvailable: 10 } });
    const stop = h.simulator.before('MbInventoryAdjustIdempotent', () => {
      h.simulator.setAvailable('SKU-1', 9);
      stop();
    });
    const result = await h.clock.drive(() => h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -3 }]));
    expect(result.succeeded).toBe(1);
    expect(h.simulator.available('SKU-1')).toBe(6);
  });
});

describe('version drift: the version Shopify serves, not the one configured', () => {
  it('reads X-Shopify-API-Version, reports the fall-forward once, and writes with the served version’s documents', async () => {
    // 2025-10 has left support at this shop: Shopify serves 2026-04, which requires @idempotent and changeFromQuantity.
    h = createHarness({
      simulator: { products: 2, initialAvailable: 10, oldestSupportedVersion: '2026-04' },
      config: { apiVersion: '2025-10' },
    });
    const reported: MarketbridgeEvents['apiDeprecated'][] = [];
    h.events.on('apiDeprecated', (event) => reported.push(event));
    const adjusted = await h.clock.drive(() =>
      h.shopify.adjustInventory([{ sku: 'SKU-1', delta: -1, idempotencyKey: 'order-8-line-1' }]),
    );
    const set = await h.clock.drive(() =>
      h.shopify.setInventory([{ sku: 'SKU-2', quantity: 4, expectedAvailable: 10 }]),
    );
    expect(adjusted.succeeded).toBe(1);
    expect(set.succeeded).toBe(1);
    expect([h.simulator.available('SKU-1'), h.simulator.available('SKU-2')]).toEqual([9, 4]);
    expect(h.requests.every((request) => request.url.includes('/admin/api/2025-10/'))).toBe(true);
    expect(h.shopify.client.requestedVersion).toBe('2025-10');
    expect(h.shopify.client.apiVersion).toBe('2026-04');
    expect(h.requests.some((request) => /Mb(InventoryAdjust|InventorySet)\b/.test(request.query.slice(0, 40)))).toBe(
      false,
    );
    expect(reported).toEqual([
      expect.objectContaining({
        platform: 'shopify',
        version: '2025-10',
        servedVersion: '2026-04',
        reason: expect.stringContaining('2026-04'),
      }),
    ]);
  });

  it('a served version equal to the configured one reports nothing', async () => {
    h = createHarness({ simulator: { products: 1 }, config: { apiVersion: '2026-10' } });
    const reported: unknown[] = [];
    h.events.on('apiDeprecated', (event) => reported.push(event));
    await h.clock.drive(() => h.shopify.healthCheck());
    expect(h.shopify.client.apiVersion).toBe('2026-10');
    expect(reported).toEqual([]);
  });
});

describe('version features', () => {
  it('names what each version changed', () => {
    expect(versionFeatures('2025-10')).toEqual({
      changeFromQuantity: false,
      idempotentDirective: false,
      bulkGroupObjectsByDefault: true,
      bulkQueryConcurrency: 1,
    });
    expect(versionFeatures('2026-01')).toEqual({
      changeFromQuantity: true,
      idempotentDirective: true,
      bulkGroupObjectsByDefault: false,
      bulkQueryConcurrency: 5,
    });
    expect(versionFeatures('unstable').bulkQueryConcurrency).toBe(5);
    expect(apiVersionAtLeast('2026-04', '2026-04')).toBe(true);
    expect(apiVersionAtLeast('2026-01', '2026-04')).toBe(false);
    expect(apiVersionAtLeast('unstable', '2099-01')).toBe(true);
  });
});
