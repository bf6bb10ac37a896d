import { describe, expect, it } from 'vitest';
import type { InventorySet } from '../../src/model/inventory.js';
import type { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { shownAll, skuOf, soldAll, world, type World } from './world.js';

const SKUS = 300;

/**
 * Makes the first `setInventory` call of `channel` end the way `kind` says — its answer lost
 * after the write applied (`applied`), or lost before anything applied (`not_applied`) — and
 * lets buyers order one unit of each of its first 25 SKUs before anyone learns what happened:
 * the case a read-back of the levels cannot tell apart. `hang` leaves the call unanswered for
 * good (the process running the sync died with it in flight).
 */
function loseFirstAnswer(
  channel: SimulatedMarketplace,
  kind: 'applied' | 'not_applied',
  hang: boolean,
): { skus: string[] } {
  const original = channel.setInventory.bind(channel);
  const seen = { skus: [] as string[] };
  let calls = 0;
  channel.setInventory = async (updates: readonly InventorySet[], options) => {
    if (++calls > 1) return original(updates, options);
    if (kind === 'applied') await original(updates, options);
    for (const update of updates.slice(0, 25))
      if (channel.placeOrder([{ sku: update.sku, quantity: 1 }]).isOk()) seen.skus.push(update.sku);
    if (hang) return new Promise<never>(() => {});
    throw new Error('socket hang up');
  };
  return seen;
}

/** Every unit sold is taken from the source once, and the channels show what is left, split. */
function assertConverged(w: World, initial: Map<string, number>): void {
  const sold = w.channels.map(soldAll);
  const shown = w.channels.map(shownAll);
  for (let n = 1; n <= SKUS; n++) {
    const sku = skuOf(n);
    const expected = initial.get(sku)! - sold.reduce((sum, s) => sum + (s.get(sku) ?? 0), 0);
    expect(w.source.get(sku)!.available, sku).toBe(expected);
    expect(
      shown.reduce((sum, s) => sum + (s.get(sku) ?? 0), 0),
      sku,
    ).toBe(expected);
  }
}

/**
 * Where nothing tells the engine what happened, it may hide units but never shows units that
 * are gone: the source never holds more than was not sold, nor do the channels show more.
 */
function assertNeverMore(w: World, initial: Map<string, number>): number {
  const sold = w.channels.map(soldAll);
  const shown = w.channels.map(shownAll);
  let hidden = 0;
  for (let n = 1; n <= SKUS; n++) {
    const sku = skuOf(n);
    const left = initial.get(sku)! - sold.reduce((sum, s) => sum + (s.get(sku) ?? 0), 0);
    const source = w.source.get(sku)!.available;
    expect(source, sku).toBeLessThanOrEqual(left);
    expect(
      shown.reduce((sum, s) => sum + (s.get(sku) ?? 0), 0),
      sku,
    ).toBeLessThanOrEqual(source);
    hidden += left - source;
  }
  return hidden;
}

/** Takes away the channel's idempotent sets: a lost answer can only be read back. */
function withoutIdempotentSets(channel: SimulatedMarketplace): void {
  Object.defineProperty(channel, 'capabilities', { value: { ...channel.capabilities, idempotentSets: false } });
}

function setUp(): { w: World; initial: Map<string, number> } {
  const w = world({ skus: SKUS, stock: (n) => 20 + (n % 7) });
  const initial = new Map(
    Array.from({ length: SKUS }, (_, i) => [skuOf(i + 1), w.source.get(skuOf(i + 1))!.available]),
  );
  return { w, initial };
}

describe('a write whose answer is lost while buyers keep ordering', () => {
  for (const kind of ['applied', 'not_applied'] as const) {
    it(`is settled by sending the same call again, not by guessing (${kind})`, async () => {
      const { w, initial } = setUp();
      expect(w.channels[0]!.capabilities.idempotentSets).toBe(true);
      const lost = loseFirstAnswer(w.channels[0]!, kind, false);
      expect((await w.engine().runSync()).status).toBe('completed');
      expect(lost.skus.length).toBe(25);
      // The orders are picked up like any other sale.
      expect((await w.engine().runSync({ mode: 'incremental' })).status).toBe('completed');
      assertConverged(w, initial);
    });

    it(`is settled by the process that resumes after a crash with the call in flight (${kind})`, async () => {
      const { w, initial } = setUp();
      const lost = loseFirstAnswer(w.channels[0]!, kind, true);
      void w.engine({ leaseTtlMs: 10_000 }).runSync();
      // Let the first engine reach the call that never returns, then outlive its lease.
      for (let i = 0; i < 50 && lost.skus.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(lost.skus.length).toBe(25);
      await w.clock.advance(11_000);
      expect((await w.engine({ leaseTtlMs: 10_000 }).runSync()).status).toBe('completed');
      expect((await w.engine().runSync({ mode: 'incremental' })).status).toBe('completed');
      assertConverged(w, initial);
    });

    it(`without idempotent sets, guesses from a read-back without ever showing more (${kind})`, async () => {
      const { w, initial } = setUp();
      withoutIdempotentSets(w.channels[0]!);
      const warnings: string[] = [];
      const lost = loseFirstAnswer(w.channels[0]!, kind, false);
      const logger = { debug() {}, info() {}, warn: (message: string) => warnings.push(message), error() {} };
      expect((await w.engine({ context: { store: w.store, clock: w.clock, logger } }).runSync()).status).toBe(
        'completed',
      );
      expect(lost.skus.length).toBe(25);
      expect((await w.engine().runSync({ mode: 'incremental' })).status).toBe('completed');
      const hidden = assertNeverMore(w, initial);
      // The engine's first writes lower the channels (decreases), so a write that did apply is
      // read as not applied: its units are hidden, and each such guess is logged.
      if (kind === 'applied') expect(hidden).toBeGreaterThan(0);
      else expect(hidden).toBe(0);
      expect(warnings.filter((message) => message.includes('cannot tell whether')).length).toBe(25);
    });
  }
});
