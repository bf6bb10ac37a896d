import { isNoop, planSkus } from './planner.js';
import type { SyncRuntime } from './runtime.js';
import type { Journal, RunState } from './state.js';
import { clearWriteMarkers, executeRound, type RoundTally } from './writer.js';

/**
 * Processes one batch of a run to its checkpoint: plans and journals each round, carries it
 * out, saves the bases, plans stale SKUs again (up to `maxStaleRetries` rounds; the rest are
 * queued for the next run), then records the run's new position and clears the journal. A
 * journal left by a killed process (`resumed`) is finished first.
 *
 * @example
 * ```ts
 * run = await processBatch(rt, run, ['A-1', 'B-2'], undefined);
 * ```
 */
export async function processBatch(rt: SyncRuntime, run: RunState, first: string[], resumed: Journal | undefined): Promise<RunState> {
  const tally: RoundTally = { channels: {}, failures: [], sourceDeltas: 0, sourceUnits: 0 };
  let journal = resumed;
  let skus = first;
  const batchSkus = resumed ? resumed.batchSkus : first;
  let manual = 0;
  let retries = 0;
  for (let round = journal?.round ?? 0; ; round++) {
    if (!journal) {
      const planned = await planSkus(rt, skus);
      // The journal keeps explanations only where they become the source's audit reason.
      const plans = planned.filter((plan) => !isNoop(plan)).map((plan) => (plan.sourceDelta === 0 ? { ...plan, explanation: '' } : plan));
      for (const plan of planned.length === plans.length ? [] : planned.filter(isNoop)) {
        for (const name of Object.keys(plan.observed)) (tally.channels[name] ??= { written: 0, unchanged: 0, stale: 0, failed: 0, missing: 0 }).unchanged++;
      }
      await rt.step({ name: 'planned', runId: run.runId, batch: run.batch });
      journal = { runId: run.runId, batch: run.batch, round, batchSkus, status: 'planned', plans };
      await rt.context.store.set(rt.keys.journal, journal);
      await rt.step({ name: 'journaled', runId: run.runId, batch: run.batch });
    }
    if (journal.status !== 'written') journal = await executeRound(rt, journal, tally, journal === resumed);
    for (const [sku, base] of Object.entries(journal.bases ?? {})) await rt.context.store.set(rt.keys.base(sku), base);
    for (const task of journal.tasks ?? []) await rt.resolver?.tasks.take(task);
    manual += journal.manual ?? 0;
    await rt.step({ name: 'bases_saved', runId: run.runId, batch: run.batch });
    const retry = journal.retry ?? [];
    if (retry.length === 0) break;
    if (round >= rt.maxStaleRetries) {
      for (const sku of retry) {
        await rt.context.store.set(rt.keys.dirty(sku), crypto.randomUUID());
        if (tally.failures.length < 100) tally.failures.push({ sku, code: 'stale', message: `Stock of ${sku} kept changing during ${round + 1} rounds; it is queued for the next run.` });
      }
      break;
    }
    retries++;
    skus = retry;
    journal = undefined;
  }
  await clearWriteMarkers(rt, run.runId, run.batch);
  const last = batchSkus[batchSkus.length - 1];
  const next: RunState = structuredClone(run);
  next.batch = run.batch + 1;
  if (last !== undefined) next.after = last;
  const c = next.counters;
  c.skus += batchSkus.length;
  c.sourceDeltas += tally.sourceDeltas;
  c.sourceUnits += tally.sourceUnits;
  c.manual += manual;
  c.retries += retries;
  for (const [name, counts] of Object.entries(tally.channels)) {
    const into = (c.channels[name] ??= { written: 0, unchanged: 0, stale: 0, failed: 0, missing: 0 });
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) into[key] += counts[key];
  }
  next.failures = [...next.failures, ...tally.failures].slice(0, 100);
  await rt.context.store.set(rt.keys.run, next);
  await rt.context.store.delete(rt.keys.journal);
  await rt.step({ name: 'checkpointed', runId: run.runId, batch: run.batch });
  rt.context.events.emit('syncProgress', { runId: run.runId, phase: 'batch', done: c.skus, ...(next.totalSkus === undefined ? {} : { total: next.totalSkus }) });
  return next;
}
