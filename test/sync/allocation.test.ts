import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type ChannelShare } from '../../src/sync/inventory/allocation.js';
import { ConflictResolver } from '../../src/sync/resolver/conflict-resolver.js';
import { skuOf, world } from './world.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 300);
const share: fc.Arbitrary<ChannelShare> = fc.record({
  safetyStock: fc.integer({ min: 0, max: 5 }),
  reserved: fc.integer({ min: 0, max: 5 }),
  weight: fc.integer({ min: 0, max: 3 }),
});

describe('allocate', () => {
  it('split never shows more in total than the stock, honours reservations first and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 500 }),
        fc.array(share, { minLength: 1, maxLength: 5 }),
        (sku, stock, channels) => {
          const shown = allocate(sku, stock, channels, 'split');
          expect(shown.every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(true);
          expect(shown.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(stock);
          const reservedTotal = channels.reduce((sum, c) => sum + c.reserved, 0);
          if (reservedTotal <= stock)
            channels.forEach((c, i) => {
              expect(shown[i]).toBeGreaterThanOrEqual(Math.max(0, c.reserved - c.safetyStock));
            });
          // with no safety stock and some weight, nothing sellable is hidden
          if (channels.every((c) => c.safetyStock === 0) && channels.some((c) => c.weight > 0))
            expect(shown.reduce((a, b) => a + b, 0)).toBe(stock);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("gives a unit one channel's safety stock withholds to a channel that can show it", () => {
    // A has no safety stock, B keeps 1 back; with 1 unit left, A shows it, whichever channel a SKU's remainder starts at.
    for (let n = 0; n < 50; n++) {
      const sku = `SKU-${n}`;
      expect(
        allocate(
          sku,
          1,
          [
            { safetyStock: 0, reserved: 0, weight: 1 },
            { safetyStock: 1, reserved: 0, weight: 1 },
          ],
          'split',
        ),
      ).toEqual([1, 0]);
      expect(
        allocate(
          sku,
          1,
          [
            { safetyStock: 1, reserved: 0, weight: 1 },
            { safetyStock: 0, reserved: 0, weight: 1 },
          ],
          'split',
        ),
      ).toEqual([0, 1]);
    }
    // B may show 2 of 3 units, A all 3: the pool is shared by weight within those caps
    expect(
      allocate(
        'A-1',
        3,
        [
          { safetyStock: 0, reserved: 0, weight: 1 },
          { safetyStock: 1, reserved: 0, weight: 3 },
        ],
        'split',
      ),
    ).toEqual([1, 2]);
    expect(
      allocate(
        'A-1',
        10,
        [
          { safetyStock: 0, reserved: 0, weight: 1 },
          { safetyStock: 1, reserved: 2, weight: 1 },
        ],
        'split',
      ),
    ).toEqual([4, 6]);
  });

  it('split shows in total the most the safety stocks allow, found by trying every split (property)', () => {
    const small = fc.record({
      safetyStock: fc.integer({ min: 0, max: 6 }),
      reserved: fc.integer({ min: 0, max: 3 }),
      weight: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(small, { minLength: 2, maxLength: 4 }),
        (sku, stock, channels) => {
          const shown = allocate(sku, stock, channels, 'split');
          // the reservations each channel gets (in channel order while stock lasts), and the pool
          let rest = stock;
          const reserved = channels.map((c) => {
            const take = Math.min(rest, c.reserved);
            rest -= take;
            return take;
          });
          const pool = rest;
          const cap = channels.map((c, i) => Math.max(0, reserved[i]! + pool - c.safetyStock));
          channels.forEach((_, i) => {
            expect(shown[i]).toBeLessThanOrEqual(cap[i]!);
            expect(shown[i]).toBeGreaterThanOrEqual(Math.min(reserved[i]!, cap[i]!));
          });
          expect(shown.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(stock);
          // every way of handing the pool's units to the channels with weight: the best total
          let best = 0;
          const visit = (i: number, left: number, total: number) => {
            if (i === channels.length) {
              best = Math.max(best, total);
              return;
            }
            const most = channels[i]!.weight > 0 ? left : 0;
            for (let units = 0; units <= most; units++)
              visit(i + 1, left - units, total + Math.min(reserved[i]! + units, cap[i]!));
          };
          visit(0, pool, 0);
          expect(shown.reduce((a, b) => a + b, 0)).toBe(best);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('split follows the weights where no safety stock binds (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }),
        (sku, stock, weights) => {
          const shown = allocate(
            sku,
            stock,
            weights.map((weight) => ({ safetyStock: 0, reserved: 0, weight })),
            'split',
          );
          const total = weights.reduce((a, b) => a + b, 0);
          // each channel gets its exact share rounded down, plus at most one remainder unit
          shown.forEach((units, i) => {
            const exact = Math.floor((stock * weights[i]!) / total);
            expect(units === exact || units === exact + 1).toBe(true);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('shared shows every channel the whole pool less its safety stock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.array(
          share.map((c) => ({ ...c, reserved: 0 })),
          { minLength: 1, maxLength: 5 },
        ),
        (stock, channels) => {
          expect(allocate('A', stock, channels, 'shared')).toEqual(
            channels.map((c) => Math.max(0, stock - c.safetyStock)),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('quantity strategies in the engine', () => {
  it('most_recent lets the side changed last win, beyond the clock-skew tolerance', async () => {
    const w = world({ skus: 2, channels: 1, stock: () => 10 });
    const resolver = new ConflictResolver({
      fields: { quantity: 'most_recent' },
      skewToleranceMs: 1_000,
      clock: w.clock,
    });
    await w.engine({ resolver }).runSync();
    w.source.set(skuOf(1), 20);
    await w.clock.advance(5_000);
    w.channels[0]!.placeOrder([{ sku: skuOf(1), quantity: 3 }]);
    const report = await w.engine({ resolver }).runSync({ mode: 'full' });
    expect(report.sourceDeltas).toBe(1);
    // the later sale wins over the earlier local restock: 10 - 3
    expect(w.source.get(skuOf(1))!.available).toBe(7);
    expect(w.shown(0, skuOf(1))).toBe(7);
  });

  it('local_wins keeps the source value and overwrites the channel', async () => {
    const w = world({ skus: 2, channels: 1, stock: () => 10 });
    const resolver = new ConflictResolver({ fields: { quantity: 'local_wins' }, clock: w.clock });
    await w.engine({ resolver }).runSync();
    w.channels[0]!.placeOrder([{ sku: skuOf(2), quantity: 4 }]);
    await w.engine({ resolver }).runSync({ mode: 'full' });
    expect(w.source.get(skuOf(2))!.available).toBe(10);
    expect(w.shown(0, skuOf(2))).toBe(10);
  });
});
