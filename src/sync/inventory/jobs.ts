import type { InventorySyncEngine, SyncRunOptions } from './engine.js';
import type { SyncReport } from './report.js';

/**
 * Job function for the host's scheduler: continues an unfinished run or starts a new one. Safe
 * to call from several workers at once: only the one holding the lease works, the others get
 * `busy`.
 *
 * @example
 * ```ts
 * // a cron route handler
 * export async function GET() {
 *   const report = await runSync(engine, { maxBatches: 50 });
 *   return Response.json(report);
 * }
 * ```
 *
 * @category Inventory sync
 */
export function runSync(engine: InventorySyncEngine, options: SyncRunOptions = {}): Promise<SyncReport> {
  return engine.runSync(options);
}

/**
 * Job function for `marketbridge.sync.continue` jobs: continues the unfinished run from its
 * last checkpoint (in any process), or reports `idle`.
 *
 * @example
 * ```ts
 * for (const job of scheduler.takeDue(clock.now())) {
 *   if (job.name === SYNC_CONTINUE_JOB) await continueSync(engine, { maxBatches: 50 });
 * }
 * ```
 *
 * @category Inventory sync
 */
export function continueSync(
  engine: InventorySyncEngine,
  options: Omit<SyncRunOptions, 'mode'> = {},
): Promise<SyncReport> {
  return engine.continueSync(options);
}
