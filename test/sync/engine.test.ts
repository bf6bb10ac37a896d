import { describe, expect, it } from 'vitest';
import { MemoryScheduler } from '../../src/core/scheduler.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { EventBus } from '../../src/core/events.js';
import { allocate } from '../../src/sync/inventory/allocation.js';
import { InventorySyncEngine, SYNC_CONTINUE_JOB, SYNC_RUN_JOB } from '../../src/sync/inventory/engine.js';
import { continueSync, runSync } from '../../src/sync/inventory/jobs.js';
import type { SyncStep } from '../../src/sync/inventory/options.js';
import { ConflictResolver } from '../../src/sync/resolver/conflict-resolver.js';
import { shownAll, skuOf, world } from './world.js';

const SHARE = { safetyStock: 0, reserved: 0, weight: 1 };

describe('InventorySyncEngine', () => {
  it('pushes the source of truth to every channel on the first (full) run, split so the total never exceeds stock', async () => {
    const w = world({ skus: 50, channels: 2 });
    const report = await w.engine().runSync();
    expect(report).toMatchObject({ status: 'completed', mode: 'full', skus: 50 });
    const a = shownAll(w.channels[0]!);
    const b = shownAll(w.channels[1]!);
    for (let n = 1; n <= 50; n++) {
      const sku = skuOf(n);
      const stock = w.source.get(sku)!.available;
      expect([a.get(sku), b.get(sku)]).toEqual(allocate(sku, stock, [SHARE, SHARE], 'split'));
      expect(a.get(sku)! + b.get(sku)!).toBe(stock);
    }
  });

  it('counts concurrent sales on two channels into the source (three-way merge) and rebalances', async () => {
    const w = world({ skus: 10, channels: 2, stock: () => 10 });
    const events = new EventBus();
    const conflicts: string[] = [];
    events.on('conflict', (e) => conflicts.push(`${e.key} ${e.strategy} ${e.explanation}`));
    await w.engine().runSync();
    w.source.set(skuOf(1), 12);
    expect(w.channels[0]!.placeOrder([{ sku: skuOf(1), quantity: 3 }]).isOk()).toBe(true);
    expect(w.channels[1]!.placeOrder([{ sku: skuOf(1), quantity: 2 }]).isOk()).toBe(true);
    const report = await w.engine({ context: { store: w.store, clock: w.clock, events } }).runSync({ mode: 'full' });
    expect(report.sourceDeltas).toBe(1);
    expect(w.source.get(skuOf(1))!.available).toBe(7);
    expect(conflicts).toEqual([
      `${skuOf(1)} merge Three-way merge: base 10, local +2, remote#1 -3, remote#2 -2 = 7. (remotes: chan-0, chan-1)`,
    ]);
    expect(w.shown(0, skuOf(1)) + w.shown(1, skuOf(1))).toBe(7);
  });

  it('dry run lists every change and writes nothing', async () => {
    const w = world({ skus: 20, channels: 2 });
    const before = w.channels.map((c) => c.snapshot().inventory);
    const plan = await w.engine().plan();
    expect(plan.mode).toBe('full');
    expect(plan.skus).toBe(20);
    expect(w.channels.map((c) => c.snapshot().inventory)).toEqual(before);
    expect(await w.store.list('sync:')).toEqual([]);
    const report = await w.engine().runSync();
    const written = Object.values(report.channels).reduce((sum, c) => sum + c.written, 0);
    expect(plan.changes.flatMap((c) => c.channels)).toHaveLength(written);
    expect((await w.engine().plan({ mode: 'full' })).changes).toEqual([]);
  });

  it('applies safety stock and reservations per channel', async () => {
    const w = world({ skus: 5, channels: 2, stock: () => 10 });
    const engine = new InventorySyncEngine({
      source: w.source,
      channels: [
        { marketplace: w.channels[0]!, safetyStock: 2 },
        { marketplace: w.channels[1]!, reserved: (sku) => (sku === skuOf(1) ? 4 : 0) },
      ],
      context: { store: w.store, clock: w.clock },
    });
    await engine.runSync();
    expect([w.shown(0, skuOf(1)), w.shown(1, skuOf(1))]).toEqual(
      allocate(
        skuOf(1),
        10,
        [
          { safetyStock: 2, reserved: 0, weight: 1 },
          { safetyStock: 0, reserved: 4, weight: 1 },
        ],
        'split',
      ),
    );
    expect(w.shown(1, skuOf(1))).toBeGreaterThanOrEqual(4);
    // channel 0 may see the 6 units not reserved for channel 1 and keeps 2 of them back; what
    // it cannot show, channel 1 shows: all 10 units are on sale, none twice
    expect(w.shown(0, skuOf(1))).toBeLessThanOrEqual(4);
    expect(w.shown(0, skuOf(1)) + w.shown(1, skuOf(1))).toBe(10);
  });

  it('tracks changes with a cursor per marketplace: an incremental run looks only at what changed', async () => {
    const w = world({ skus: 30, channels: 2, stock: () => 6 });
    await w.engine().runSync();
    w.channels[1]!.placeOrder([{ sku: skuOf(7), quantity: 1 }]);
    w.source.set(skuOf(9), 20);
    await w.clock.advance(1_000);
    const report = await w.engine().runSync();
    expect(report).toMatchObject({ mode: 'incremental', totalSkus: 2, skus: 2, sourceDeltas: 1 });
    expect(w.source.get(skuOf(7))!.available).toBe(5);
    expect(w.shown(0, skuOf(9)) + w.shown(1, skuOf(9))).toBe(20);
    expect((await w.engine().runSync()).totalSkus).toBe(0);
  });

  it('ignores the echo of its own write and queues a real change from a webhook', async () => {
    const w = world({ skus: 5, channels: 2, stock: () => 8 });
    const scheduler = new MemoryScheduler();
    const engine = new InventorySyncEngine({
      source: w.source,
      channels: w.channels.map((marketplace) => ({ marketplace })),
      context: { store: w.store, clock: w.clock, scheduler },
    });
    await engine.runSync();
    const sku = skuOf(2);
    expect(await engine.notify({ marketplace: 'chan-0', sku, available: w.shown(0, sku) })).toBe('echo');
    w.channels[0]!.placeOrder([{ sku, quantity: 1 }]);
    expect(await engine.notify({ marketplace: 'chan-0', sku, available: w.shown(0, sku) })).toBe('queued');
    expect(scheduler.pending().map((job) => job.name)).toEqual([SYNC_RUN_JOB]);
    const report = await runSync(engine);
    expect(report).toMatchObject({ totalSkus: 1, sourceDeltas: 1 });
    expect(w.source.get(sku)!.available).toBe(7);
  });

  it('stops after maxBatches, schedules the rest, and continueSync finishes it; progress events are emitted', async () => {
    const w = world({ skus: 30, channels: 2, sim: { maxBatchSize: 10 } });
    const scheduler = new MemoryScheduler();
    const events = new EventBus();
    const progress: number[] = [];
    events.on('syncProgress', (e) => progress.push(e.done));
    const engine = new InventorySyncEngine({
      source: w.source,
      channels: w.channels.map((marketplace) => ({ marketplace })),
      context: { store: w.store, clock: w.clock, scheduler, events },
    });
    expect(await runSync(engine, { maxBatches: 1 })).toMatchObject({ status: 'in_progress', batches: 1, skus: 10 });
    expect(scheduler.takeDue(w.clock.now()).map((job) => job.name)).toEqual([SYNC_CONTINUE_JOB]);
    expect(await continueSync(engine)).toMatchObject({ status: 'completed', batches: 3, skus: 30 });
    expect(await continueSync(engine)).toMatchObject({ status: 'idle' });
    expect(progress).toEqual([10, 20, 30, 30]);
  });

  it('holds a lease: a second process is busy until the lease of the first expires, then resumes its run', async () => {
    const w = world({ skus: 40, channels: 2, sim: { maxBatchSize: 10 } });
    let release!: () => void;
    let reached!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const atBatch2 = new Promise<void>((resolve) => (reached = resolve));
    const first = w.engine({
      leaseTtlMs: 30_000,
      onStep: async (step: SyncStep) => {
        if (step.batch === 2 && step.name === 'journaled') {
          reached();
          await stuck;
          throw new Error('process died');
        }
      },
    });
    const running = first.runSync().catch((error: Error) => error.message);
    await atBatch2;
    expect((await w.engine({ leaseTtlMs: 30_000 }).runSync()).status).toBe('busy');
    await w.clock.advance(30_001);
    const second = await w.engine({ leaseTtlMs: 30_000 }).continueSync();
    expect(second).toMatchObject({ status: 'completed', skus: 40 });
    release();
    expect(await running).toBe('process died');
    for (let n = 1; n <= 40; n++)
      expect(w.shown(0, skuOf(n)) + w.shown(1, skuOf(n))).toBe(w.source.get(skuOf(n))!.available);
  });

  it('an aborted run is continued later from its checkpoint', async () => {
    const w = world({ skus: 30, channels: 2, sim: { maxBatchSize: 10 } });
    const controller = new AbortController();
    const engine = w.engine({
      onStep: (step: SyncStep) => {
        if (step.batch === 1 && step.name === 'source_applied') controller.abort(new Error('deploy'));
      },
    });
    await expect(engine.runSync({ signal: controller.signal })).rejects.toThrow('deploy');
    expect(await w.engine().continueSync()).toMatchObject({ status: 'completed', skus: 30 });
  });

  it('parks quantity conflicts as manual tasks and applies the decision on the next run', async () => {
    const w = world({ skus: 3, channels: 1, stock: () => 10 });
    const resolver = new ConflictResolver({ fields: { quantity: 'manual' }, store: w.store, clock: w.clock });
    const engine = () => w.engine({ resolver });
    await engine().runSync();
    w.channels[0]!.placeOrder([{ sku: skuOf(1), quantity: 4 }]);
    w.source.set(skuOf(1), 15);
    const plan = await engine().plan({ mode: 'full' });
    expect(plan.changes.find((c) => c.sku === skuOf(1))?.manualTask).toBe(`${skuOf(1)}#quantity`);
    expect(await resolver.tasks.list()).toEqual([]);
    expect(await engine().runSync({ mode: 'full' })).toMatchObject({ manual: 1 });
    expect(w.source.get(skuOf(1))!.available).toBe(15);
    expect(w.shown(0, skuOf(1))).toBe(6);
    const [task] = await resolver.tasks.list('open');
    expect(task?.conflict).toMatchObject({ base: 10, local: { value: 15 }, remote: { value: 6 } });
    await resolver.tasks.resolve(task!.id, 11, 'recount');
    expect(await engine().runSync()).toMatchObject({ manual: 0, totalSkus: 1 });
    expect(w.source.get(skuOf(1))!.available).toBe(11);
    expect(w.shown(0, skuOf(1))).toBe(11);
    expect(await resolver.tasks.list()).toEqual([]);
  });

  it('works with plain connectors that only adjust (idempotent keys) instead of compare-and-set', async () => {
    const w = world({ skus: 20, channels: 2, stock: () => 9 });
    const engine = () =>
      new InventorySyncEngine({
        source: w.source,
        channels: w.channels.map((marketplace) => ({ marketplace, writeMode: 'adjust' as const })),
        context: { store: w.store, clock: w.clock },
      });
    await engine().runSync();
    w.channels[0]!.placeOrder([{ sku: skuOf(3), quantity: 2 }]);
    await engine().runSync({ mode: 'full' });
    expect(w.source.get(skuOf(3))!.available).toBe(7);
    expect(w.shown(0, skuOf(3)) + w.shown(1, skuOf(3))).toBe(7);
  });

  it('recovers from throttling, timeouts and server errors on reads and writes', async () => {
    const schedule = [
      { operation: 'setInventory' as const, call: 2, kind: 'rate_limited' as const },
      { operation: 'setInventory' as const, call: 4, kind: 'timeout' as const },
      { operation: 'setInventory' as const, call: 5, kind: 'server_error' as const },
      { operation: 'getInventory' as const, call: 6, kind: 'server_error' as const },
    ];
    const w = world({
      skus: 60,
      channels: 2,
      stock: () => 5,
      sim: { maxBatchSize: 10, failures: { rate: 0, schedule } },
    });
    let report = await w.clock.drive(() =>
      w
        .engine()
        .runSync()
        .catch(() => undefined),
    );
    for (let i = 0; i < 5 && report?.status !== 'completed'; i++)
      report = await w.clock.drive(() =>
        w
          .engine()
          .continueSync()
          .catch(() => undefined),
      );
    expect(report?.status).toBe('completed');
    expect(w.channels[0]!.stats().injectedFailures).toBe(4);
    for (let n = 1; n <= 60; n++) expect(w.shown(0, skuOf(n)) + w.shown(1, skuOf(n))).toBe(5);
  });

  it('reports every bad option at once', () => {
    try {
      new InventorySyncEngine({ source: {} as never, channels: [], batchSize: 0, allocation: 'even' as never });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual([
        'source.listSkus',
        'source.getLevels',
        'source.applyDeltas',
        'source.changes',
        'channels',
        'allocation',
        'batchSize',
      ]);
    }
  });
});
