import type { SyncRuntime } from './runtime.js';
import type { RunState } from './state.js';

/**
 * Warns through the logger when a finished run found channels that list none of its SKUs:
 * usually the source and the marketplaces use different SKUs, and a run that silently syncs
 * nothing looks like a run that had nothing to do.
 *
 * @example
 * ```ts
 * warnAboutUnlistedSkus(rt, completedRun);
 * // warn: sync default: none of the 3 SKUs is listed on any channel (shop, market); ...
 * ```
 */
export function warnAboutUnlistedSkus(rt: SyncRuntime, run: RunState): void {
  const skus = run.counters.skus;
  if (skus === 0) return;
  const empty = rt.channels
    .map((channel) => channel.name)
    .filter((name) => (run.counters.channels[name]?.missing ?? 0) >= skus);
  if (empty.length === 0) return;
  const hint = 'check that the source uses the SKUs the marketplaces list (offer.sku of listProducts())';
  if (empty.length === rt.channels.length) {
    rt.context.logger.warn(
      `sync ${rt.id}: none of the ${skus} SKUs is listed on any channel (${empty.join(', ')}); nothing was synced. ${hint[0]?.toUpperCase()}${hint.slice(1)}.`,
      { syncId: rt.id, runId: run.runId, skus, channels: empty },
    );
    return;
  }
  rt.context.logger.warn(
    `sync ${rt.id}: ${empty.join(', ')} list${empty.length === 1 ? 's' : ''} none of the ${skus} SKUs; ${hint}.`,
    { syncId: rt.id, runId: run.runId, skus, channels: empty },
  );
}
