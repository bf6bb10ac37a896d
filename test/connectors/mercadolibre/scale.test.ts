import { describe, expect, it } from 'vitest';
import { MERCADOLIBRE_LIMITS, MercadoLibreMarketplace } from '../../../src/connectors/mercadolibre/index.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { MercadoLibreSimulator } from '../../../src/testing/msw/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { CLIENT_SECRET } from './harness.js';

const ITEMS = 10_000;

describe('a 10,000-item stock update', () => {
  it('is paced by the application budgets: 0 throttled, one write per item, the catalog read once', {
    timeout: 240_000,
  }, async () => {
    const clock = new FakeClock();
    const simulator = new MercadoLibreSimulator({ clock });
    for (let i = 0; i < ITEMS; i++)
      simulator.catalog.addItem({ title: `Item ${i}`, price: 100, quantity: 1, sku: `SKU-${i}` });
    // The simulator answers as fetch directly: 10,000 requests through msw would measure msw.
    const ml = new MercadoLibreMarketplace(
      {
        site: 'MLA',
        sellerId: simulator.sellerId,
        credentials: {
          clientId: simulator.applicationId,
          clientSecret: CLIENT_SECRET,
          refreshToken: simulator.tokens.grant(simulator.sellerId),
        },
        timeoutMs: 0,
        stock: 'items',
      },
      { clock, store: new MemoryStore({ clock }), fetch: simulator.fetch },
    );
    const started = clock.now();
    const result = await clock.drive(
      () => ml.setInventory(Array.from({ length: ITEMS }, (_, i) => ({ sku: `SKU-${i}`, quantity: i % 13 }))),
      10_000_000,
    );
    expect(result.succeeded).toBe(ITEMS);
    const stats = simulator.stats();
    expect(stats.throttled).toBe(0);
    expect(stats.resources['items-write']).toMatchObject({ calls: ITEMS, throttled: 0 });
    expect(stats.resources['items-read']).toMatchObject({ calls: ITEMS / 100 + ITEMS / 20, throttled: 0 });
    expect([...simulator.state.items.values()].every((item, i) => item.available_quantity === i % 13)).toBe(true);
    // The writes cannot go faster than the items-write budget allows.
    const { ratePerSecond, burst } = MERCADOLIBRE_LIMITS['items-write'];
    expect(clock.now() - started).toBeGreaterThanOrEqual(((ITEMS - burst) / ratePerSecond) * 1000);
  });
});
