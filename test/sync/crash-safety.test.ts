import { describe, expect, it } from 'vitest';
import type { SimulatedConfig } from '../../src/simulated/config.js';
import { SeededRandom } from '../../src/simulated/random.js';
import { allocate } from '../../src/sync/inventory/allocation.js';
import type { SyncStep } from '../../src/sync/inventory/options.js';
import { shownAll, skuOf, soldAll, world, type World } from './world.js';

const SKUS = 10_000;
const SHARE = { safetyStock: 0, reserved: 0, weight: 1 };

class Killed extends Error {}

/** Builds a synced 10,000-SKU world, then sells on both channels and restocks locally. */
async function scenario(seed: number, sim: Partial<SimulatedConfig> = {}) {
  const w = world({ skus: SKUS, channels: 2, sim: { maxBatchSize: 500, ...sim } });
  const first = await w.engine().runSync();
  expect(first.status).toBe('completed');
  const random = new SeededRandom(seed);
  for (let i = 0; i < 1_500; i++) {
    const channel = w.channels[random.int(0, 1)]!;
    const sku = skuOf(random.int(1, SKUS));
    channel.placeOrder([{ sku, quantity: random.int(1, 3) }]);
  }
  for (let i = 0; i < 300; i++) {
    const sku = skuOf(random.int(1, SKUS));
    w.source.set(sku, w.source.get(sku)!.available + random.int(1, 5));
  }
  const sold0 = soldAll(w.channels[0]!);
  const sold1 = soldAll(w.channels[1]!);
  const expected = new Map<string, number>();
  let changed = 0;
  for (let n = 1; n <= SKUS; n++) {
    const sku = skuOf(n);
    const sold = (sold0.get(sku) ?? 0) + (sold1.get(sku) ?? 0);
    if (sold > 0) changed++;
    expected.set(sku, w.source.get(sku)!.available - sold);
  }
  return { w, expected, changed, appliedBefore: w.source.appliedCount };
}

/** Runs to completion, killing the engine whenever `kill` says so and resuming with a fresh one. */
async function runWithKills(w: World, kill: (step: SyncStep, index: number) => boolean): Promise<number> {
  let index = 0;
  let kills = 0;
  const onStep = (step: SyncStep) => {
    if (kill(step, index++)) throw new Killed(`killed at ${step.name} of batch ${step.batch}`);
  };
  for (let attempt = 0; attempt < 5_000; attempt++) {
    try {
      const report = await w.engine({ onStep }).runSync({ mode: 'full' });
      if (report.status === 'completed') return kills;
    } catch (error) {
      if (!(error instanceof Killed)) throw error;
      kills++;
    }
  }
  throw new Error('the sync never completed');
}

function assertModel(w: World, expected: Map<string, number>, changed: number, appliedBefore: number) {
  const a = shownAll(w.channels[0]!);
  const b = shownAll(w.channels[1]!);
  let lost = 0;
  let doubled = 0;
  for (const [sku, units] of expected) {
    const actual = w.source.get(sku)!.available;
    if (actual > units) lost++;
    if (actual < units) doubled++;
    expect([a.get(sku), b.get(sku)]).toEqual(allocate(sku, units, [SHARE, SHARE], 'split'));
  }
  expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
  // one idempotent delta per SKU that sold: none applied twice under different keys
  expect(w.source.appliedCount - appliedBefore).toBe(changed);
}

describe('crash safety: 10,000 SKUs, killed and resumed by a fresh engine', () => {
  it('survives a kill at every checkpoint boundary (just before and just after each commit)', async () => {
    const { w, expected, changed, appliedBefore } = await scenario(11);
    const fired = new Set<string>();
    const kills = await runWithKills(w, (step) => {
      if (step.name !== 'bases_saved' && step.name !== 'checkpointed') return false;
      const id = `${step.name}:${step.batch}`;
      if (fired.has(id)) return false;
      fired.add(id);
      return true;
    });
    expect(kills).toBe(2 * Math.ceil(SKUS / 500));
    assertModel(w, expected, changed, appliedBefore);
  }, 180_000);

  it('survives 200 kills at random points', async () => {
    const random = new SeededRandom(Number(process.env.MB_SEED ?? 2026));
    let total = 0;
    for (const seed of [21, 22]) {
      const { w, expected, changed, appliedBefore } = await scenario(seed);
      // 100 random step indices per world (of about 200); steps are counted across the killed engines
      const points = new Set<number>();
      while (points.size < 100) points.add(random.int(0, 199));
      total += await runWithKills(w, (_step, index) => points.has(index));
      assertModel(w, expected, changed, appliedBefore);
    }
    expect(total).toBe(200);
  }, 180_000);

  for (const idempotentSets of [true, false]) {
    it(`resolves partial writes and lost responses ${idempotentSets ? 'by sending the same calls again' : 'by reading back'}`, async () => {
      const schedule = [3, 7, 12, 20, 31].flatMap((call, i) => [
        {
          operation: 'setInventory' as const,
          call,
          kind: i % 2 === 0 ? ('partial_write' as const) : ('lost_response' as const),
          applied: 137,
        },
      ]);
      const { w, expected, changed, appliedBefore } = await scenario(5, { failures: { rate: 0, schedule } });
      for (const channel of w.channels)
        Object.defineProperty(channel, 'capabilities', { value: { ...channel.capabilities, idempotentSets } });
      await runWithKills(w, () => false);
      expect(w.channels[0]!.stats().injectedFailures).toBeGreaterThan(0);
      assertModel(w, expected, changed, appliedBefore);
    }, 180_000);
  }
});

describe('crash safety with buyers ordering while the engine is down', () => {
  it('counts sales made between a kill mid-write and the resume, on written and unwritten channels', async () => {
    const w = world({ skus: 40, channels: 2, stock: () => 12, sim: { maxBatchSize: 20 } });
    await w.engine().runSync();
    // sell on both channels so that the next run writes both
    for (let n = 1; n <= 40; n++) w.channels[n % 2]!.placeOrder([{ sku: skuOf(n), quantity: 1 + (n % 4) }]);
    let killed = 0;
    const onStep = (step: SyncStep) => {
      // chan-0 has written (and recorded) its chunk; chan-1 has not been sent anything yet
      if (step.name === 'before_write' && step.marketplace === 'chan-1' && killed++ === 0) throw new Killed('down');
    };
    await expect(w.engine({ onStep }).runSync({ mode: 'full' })).rejects.toThrow('down');
    // while no engine runs, buyers order on both channels
    for (let n = 1; n <= 40; n += 3) w.channels[n % 2]!.placeOrder([{ sku: skuOf(n), quantity: 1 }]);
    for (let n = 2; n <= 40; n += 5) w.channels[(n + 1) % 2]!.placeOrder([{ sku: skuOf(n), quantity: 1 }]);
    await w.engine().continueSync();
    await w.engine().runSync({ mode: 'full' });
    const sold0 = soldAll(w.channels[0]!);
    const sold1 = soldAll(w.channels[1]!);
    for (let n = 1; n <= 40; n++) {
      const sku = skuOf(n);
      const left = 12 - (sold0.get(sku) ?? 0) - (sold1.get(sku) ?? 0);
      expect(w.source.get(sku)!.available).toBe(left);
      expect([w.shown(0, sku), w.shown(1, sku)]).toEqual(allocate(sku, left, [SHARE, SHARE], 'split'));
    }
  });
});
