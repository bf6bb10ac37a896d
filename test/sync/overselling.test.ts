import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { allocate } from '../../src/sync/inventory/allocation.js';
import { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';
import { GatedMarketplace, StaleMonitor } from './gated.js';
import { skuOf, soldAll } from './world.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 1_000);
const SKUS = 3;
const CHANNELS = 3;
const SHARE = { safetyStock: 0, reserved: 0, weight: 1 };

const order = fc.record({
  channel: fc.integer({ min: 0, max: CHANNELS - 1 }),
  sku: fc.integer({ min: 1, max: SKUS }),
  quantity: fc.integer({ min: 1, max: 3 }),
});

describe('overselling: orders arrive between the engine reads and writes', () => {
  const monitor = new StaleMonitor();

  it(`never sells more than the stock across ${RUNS} scheduled interleavings, and stale writes always re-read`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(order, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 9 }),
        async (s, orders, initial) => {
          const clock = new FakeClock();
          const stock = new Map(Array.from({ length: SKUS }, (_, i) => [skuOf(i + 1), initial + i] as const));
          const source = new InMemoryInventorySource(Object.fromEntries(stock), clock);
          const sims = Array.from(
            { length: CHANNELS },
            (_, i) =>
              new SimulatedMarketplace(
                {
                  name: `chan-${i}`,
                  seed: i + 1,
                  products: SKUS,
                  variantsPerProduct: { min: 1, max: 1 },
                  rateLimit: false,
                },
                { clock },
              ),
          );
          const gated = sims.map((sim) => new GatedMarketplace(sim, monitor));
          const store = new MemoryStore({ clock });
          const engine = () =>
            new InventorySyncEngine({
              source,
              channels: gated.map((marketplace) => ({ marketplace })),
              context: { store, clock },
            });
          await engine().runSync();

          // sold + still shown, summed over every channel, must never exceed the stock
          const oversold = () => {
            const snapshots = sims.map((sim) => sim.snapshot());
            for (const [sku, units] of stock) {
              let committed = 0;
              for (const snap of snapshots) {
                committed += snap.inventory.find((l) => l.sku === sku)?.available ?? 0;
                for (const o of snap.orders)
                  for (const line of o.lineItems) if (line.sku === sku) committed += line.quantity;
              }
              if (committed > units) return true;
            }
            return false;
          };
          let violated = false;
          for (const g of gated) g.gate = () => s.schedule(Promise.resolve(`${g.platform} call`));
          for (const o of orders) {
            s.schedule(Promise.resolve(`order on chan-${o.channel}`)).then(() => {
              sims[o.channel]!.placeOrder([{ sku: skuOf(o.sku), quantity: o.quantity }]);
              violated ||= oversold();
            });
          }
          const run = engine().runSync({ mode: 'full' });
          await s.waitFor(run);
          await s.waitAll();
          violated ||= oversold();
          for (const g of gated) g.gate = async () => {};
          await engine().runSync({ mode: 'full' });

          const sold = sims.map(soldAll);
          const shown = sims.map((sim) => new Map(sim.snapshot().inventory.map((l) => [l.sku, l.available])));
          for (const [sku, units] of stock) {
            const total = sold.reduce((sum, map) => sum + (map.get(sku) ?? 0), 0);
            const left = units - total;
            // every sale counted once in the source, and the channels show the rest, split
            expect(source.get(sku)!.available).toBe(left);
            expect(shown.map((map) => map.get(sku))).toEqual(allocate(sku, left, [SHARE, SHARE, SHARE], 'split'));
          }
          expect(violated).toBe(false);
          expect(monitor.violations).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
    // the interleavings did make compare-and-set go stale, and each time the engine re-read
    expect(monitor.conflicts).toBeGreaterThan(0);
    expect(monitor.violations).toBe(0);
  }, 180_000);
});
