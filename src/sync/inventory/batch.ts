import { encodeJournal } from './codec.js';
import { isNoop, planSkus } from './planner.js';
import type { SyncRuntime } from './runtime.js';
import type { Journal, RunState, SkuPlan } from './state.js';
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
export async function processBatch(
  rt: SyncRuntime,
  run: RunState,
  first: string[],
  resumed: Journal | undefined,
): Promise<RunState> {
  const tally: RoundTally = { channels: {}, failures: [], sourceDeltas: 0, sourceUnits: 0 };
  let journal = resumed;
  let skus = first;
  const size = resumed ? resumed.size : first.length;
  const last = resumed ? resumed.last : first[first.length - 1];
  let manual = 0;
  let retries = 0;
  for (let round = journal?.round ?? 0; ; round++) {
    if (!journal) {
      const plans: SkuPlan[] = [];
      for (const plan of await planSkus(rt, skus, { scope: `${run.runId}:${run.batch}:${round}` })) {
        if (!isNoop(plan)) plans.push(plan);
        else
          for (const name in plan.observed)
            (tally.channels[name] ??= { written: 0, unchanged: 0, stale: 0, failed: 0, missing: 0 }).unchanged++;
      }
      await rt.step({ name: 'planned', runId: run.runId, batch: run.batch });
      journal = { runId: run.runId, batch: run.batch, round, size, status: 'planned', plans, keys: 2 };
      if (last !== undefined) journal.last = last;
      await rt.context.store.set(rt.keys.journal, encodeJournal(journal));
      await rt.step({ name: 'journaled', runId: run.runId, batch: run.batch });
    }
    if (journal.status !== 'written') journal = await executeRound(rt, journal, tally, journal === resumed);
    // Journals of earlier versions carry the bases to save; current ones saved them when written.
    for (const [sku, base] of journal.bases ?? []) await rt.context.store.set(rt.keys.base(sku), base);
    for (const task of journal.tasks ?? []) await rt.resolver?.tasks.take(task);
    manual += journal.manual ?? 0;
    const retry = journal.retry ?? [];
    if (retry.length === 0) break;
    if (round >= rt.maxStaleRetries) {
      for (const sku of retry) {
        await rt.context.store.set(rt.keys.dirty(sku), crypto.randomUUID());
        if (tally.failures.length < 100)
          tally.failures.push({
            sku,
            code: 'stale',
            message: `Stock of ${sku} kept changing during ${round + 1} rounds; it is queued for the next run.`,
          });
      }
      break;
    }
    retries++;
    skus = retry;
    journal = undefined;
  }
  await clearWriteMarkers(rt, run.runId, run.batch, tally, resumed !== undefined);
  // A fresh state with fresh counters; the rest (cursors, dirty marks) is only read, so shared.
  const c = { ...run.counters, channels: { ...run.counters.channels } };
  const next: RunState = { ...run, batch: run.batch + 1, counters: c };
  if (last !== undefined) next.after = last;
  c.skus += size;
  c.sourceDeltas += tally.sourceDeltas;
  c.sourceUnits += tally.sourceUnits;
  c.manual += manual;
  c.retries += retries;
  for (const [name, counts] of Object.entries(tally.channels)) {
    const into = (c.channels[name] = {
      written: 0,
      unchanged: 0,
      stale: 0,
      failed: 0,
      missing: 0,
      ...c.channels[name],
    });
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) into[key] += counts[key];
  }
  next.failures = [...next.failures, ...tally.failures].slice(0, 100);
  await rt.context.store.set(rt.keys.run, next);
  await rt.context.store.delete(rt.keys.journal);
  await rt.step({ name: 'checkpointed', runId: run.runId, batch: run.batch });
  rt.context.events.emit('syncProgress', {
    runId: run.runId,
    phase: 'batch',
    done: c.skus,
    ...(next.totalSkus === undefined ? {} : { total: next.totalSkus }),
  });
  return next;
}
