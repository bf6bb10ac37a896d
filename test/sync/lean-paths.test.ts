import { fnv1a32 } from '../../src/core/hash.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { allocate, type AllocationMode, type ChannelShare } from '../../src/sync/inventory/allocation.js';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';
import type { SyncStep } from '../../src/sync/inventory/options.js';
import { skuOf, world } from './world.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 300);

/**
 * The allocation rule written the plain way: reservations off the top, each channel capped at
 * its reservation + the pool − its safety stock; shared shows every cap; split shares the pool by
 * weight among channels with room, again and again as channels reach their caps, then the
 * remainder one by one round the channels from a SKU hash.
 */
function model(sku: string, sellable: number, channels: readonly ChannelShare[], mode: AllocationMode): number[] {
  let rest = Math.max(0, sellable);
  const reserved = channels.map((c) => {
    const take = Math.min(rest, Math.max(0, c.reserved));
    rest -= take;
    return take;
  });
  const pool = rest;
  const caps = channels.map((c, i) => Math.max(0, reserved[i]! + pool - Math.max(0, c.safetyStock)));
  const shown = reserved.map((r, i) => Math.min(r, caps[i]!));
  const room = () => shown.map((units, i) => caps[i]! - units);
  if (mode === 'shared' || channels.length <= 1) return caps;
  let left = pool;
  const weight = (i: number) => Math.max(0, channels[i]!.weight);
  for (;;) {
    const open = channels.map((_, i) => i).filter((i) => room()[i]! > 0 && weight(i) > 0);
    const total = open.reduce((sum, i) => sum + weight(i), 0);
    if (left === 0 || total === 0) return shown;
    const wanted = open.map((i) => Math.floor((left * weight(i)) / total));
    const given = open.map((i, k) => Math.min(wanted[k]!, room()[i]!));
    open.forEach((i, k) => {
      shown[i]! += given[k]!;
    });
    left -= given.reduce((a, b) => a + b, 0);
    if (given.every((units, k) => units === wanted[k])) break;
  }
  const start = fnv1a32(sku) % channels.length;
  while (left > 0 && channels.some((_, i) => room()[i]! > 0 && weight(i) > 0)) {
    for (let k = 0; k < channels.length && left > 0; k++) {
      const i = (start + k) % channels.length;
      if (room()[i]! > 0 && weight(i) > 0) {
        shown[i]! += 1;
        left--;
      }
    }
  }
  return shown;
}

describe('hot paths written for memory behave as the plain rule', () => {
  it('allocate fills one array in place and gives what the plain rule gives', () => {
    const share = fc.record({
      safetyStock: fc.integer({ min: -2, max: 5 }),
      reserved: fc.integer({ min: -2, max: 8 }),
      weight: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.integer({ min: -3, max: 200 }),
        fc.array(share, { maxLength: 5 }),
        fc.constantFrom<AllocationMode>('split', 'shared'),
        (sku, stock, channels, mode) => {
          expect(allocate(sku, stock, channels, mode)).toEqual(model(sku, stock, channels, mode));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the in-memory source keeps numbers per SKU and stamps only what changed', () => {
    const clock = new FakeClock();
    const source = new InMemoryInventorySource({ 'B-2': 4, 'A-1': 10 }, clock);
    const loaded = new Date(clock.now()).toISOString();
    expect(source.get('A-1')).toEqual({ sku: 'A-1', available: 10, updatedAt: loaded });
    expect(source.getLevels(['Z-9', 'B-2', 'A-1'])).toEqual([
      { sku: 'B-2', available: 4, updatedAt: loaded },
      { sku: 'A-1', available: 10, updatedAt: loaded },
    ]);
    expect(source.listSkus(undefined, 10)).toEqual(['A-1', 'B-2']);
    clock.advance(1_000);
    const later = new Date(clock.now()).toISOString();
    expect(
      source.applyDeltas([
        { sku: 'A-1', delta: -12, key: 'k1' },
        { sku: 'Z-9', delta: 1, key: 'k2' },
      ]),
    ).toEqual([{ sku: 'A-1', available: 0, updatedAt: later }]);
    expect(source.get('B-2')?.updatedAt).toBe(loaded);
    source.set('C-3', 2);
    expect(source.listSkus('A-1', 10)).toEqual(['B-2', 'C-3']);
    expect(source.changes(undefined, 10).changes).toEqual([{ sku: 'A-1', origin: 'k1' }, { sku: 'C-3' }]);
    // Levels handed out are copies: changing one changes nothing in the source.
    source.get('C-3')!.available = 99;
    expect(source.get('C-3')?.available).toBe(2);
  });

  it("clears every write marker at the checkpoint without listing the store, and a crashed process's too", async () => {
    const w = world({ skus: 40, channels: 2, sim: { maxBatchSize: 10 } });
    const markers = () => w.store.list('sync:default:default:w:');
    let seen = 0;
    const watch = async (step: SyncStep) => {
      if (step.name === 'before_write') seen = Math.max(seen, (await markers()).length);
    };
    expect((await w.engine({ onStep: watch }).runSync()).status).toBe('completed');
    expect(seen).toBeGreaterThan(0);
    expect(await markers()).toEqual([]);
    for (let n = 1; n <= 40; n++) w.channels[n % 2]!.placeOrder([{ sku: skuOf(n), quantity: 1 }]);
    const crash = (step: SyncStep) => {
      if (step.name === 'before_write' && step.marketplace === 'chan-1' && step.batch === 2) throw new Error('crash');
    };
    await expect(w.engine({ onStep: crash }).runSync({ mode: 'full' })).rejects.toThrow('crash');
    expect((await markers()).length).toBeGreaterThan(0);
    expect((await w.engine().runSync()).status).toBe('completed');
    expect(await markers()).toEqual([]);
  });
});
