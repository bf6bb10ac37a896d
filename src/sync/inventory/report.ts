import type { AllocationMode } from './allocation.js';
import type { WriteMode } from './options.js';
import { noCounters, type RunCounters, type RunState, type SyncFailure } from './state.js';

export type { ChannelCounters, RunCounters, SyncFailure } from './state.js';

/**
 * What a call to `runSync`/`continueSync` did, with totals for the whole run so far (a run
 * continued by several processes reports all of them).
 * - `completed`: the run finished;
 * - `in_progress`: `maxBatches` was reached; a `marketbridge.sync.continue` job was scheduled;
 * - `busy`: another process holds the lease;
 * - `idle`: `continueSync` found nothing to continue.
 *
 * @example
 * ```ts
 * const report = await engine.runSync();
 * console.log(report.status, report.skus, report.channels.shop?.written, report.failures.length);
 * ```
 *
 * @category Inventory sync
 */
export interface SyncReport extends RunCounters {
  syncId: string;
  status: 'completed' | 'in_progress' | 'busy' | 'idle';
  runId?: string;
  mode?: 'full' | 'incremental';
  /** Batches committed. */
  batches: number;
  /** SKUs the run will process, when known up front (incremental runs). */
  totalSkus?: number;
  /** What could not be done (at most 100). */
  failures: SyncFailure[];
  startedAt?: string;
  finishedAt?: string;
}

/**
 * Builds the public report from a run's state.
 * @example
 * ```ts
 * return toReport('default', 'completed', run);
 * ```
 */
export function toReport(syncId: string, status: SyncReport['status'], run?: RunState): SyncReport {
  if (!run) return { syncId, status, batches: 0, ...noCounters(), failures: [] };
  const report: SyncReport = {
    syncId,
    status,
    runId: run.runId,
    mode: run.mode,
    batches: run.batch,
    ...structuredClone(run.counters),
    failures: structuredClone(run.failures),
    startedAt: run.startedAt,
  };
  if (run.totalSkus !== undefined) report.totalSkus = run.totalSkus;
  if (run.finishedAt !== undefined) report.finishedAt = run.finishedAt;
  return report;
}

/**
 * One change a dry run found: the source of truth's value before and after merging channel
 * changes, and each channel's quantity before and after.
 *
 * @category Inventory sync
 */
export interface PlannedChange {
  sku: string;
  source: { from: number; to: number };
  explanation: string;
  channels: { marketplace: string; from: number; to: number; mode: WriteMode }[];
  /** Set when the SKU waits for a manual decision. */
  manualTask?: string;
}

/**
 * The result of a dry run: every change a run would make, nothing written.
 *
 * @example
 * ```ts
 * const plan = await engine.plan({ mode: 'full' });
 * if (plan.changes.length > 100) askForConfirmation(plan);
 * ```
 *
 * @category Inventory sync
 */
export interface SyncPlan {
  syncId: string;
  mode: 'full' | 'incremental';
  allocation: AllocationMode;
  /** SKUs examined. */
  skus: number;
  changes: PlannedChange[];
}
