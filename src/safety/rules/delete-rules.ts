import type { MarketplaceAction } from '../../model/action.js';
import type { RuleContext, RuleViolation, SafetyRule } from '../rule.js';

const deletedBy = (action: MarketplaceAction | undefined) =>
  action?.type === 'delete_listings' ? action.productIds.length : 0;
const earlierInBatch = (context: RuleContext) => context.previous.reduce((sum, earlier) => sum + deletedBy(earlier), 0);
const exceeds = (count: number, shareBps: number, of: number) =>
  BigInt(count) * 10_000n > BigInt(shareBps) * BigInt(of);

/**
 * The per-batch delete caps for deleting `count` listings after the batch's earlier deletes.
 *
 * @example
 * ```ts
 * batchDeleteViolation(1000, context)?.reason; // 'too_many_deletes'
 * ```
 */
export function batchDeleteViolation(count: number, context: RuleContext): RuleViolation | undefined {
  const { maxCount, maxShareBps } = context.constraints.deletes ?? {};
  const total = earlierInBatch(context) + count;
  if (maxCount !== undefined && total > maxCount) {
    return {
      rule: 'bulk_delete',
      reason: 'too_many_deletes',
      message: `Deleting ${total} listings in one batch is more than the cap of ${maxCount}; delete in smaller, reviewed batches or raise deletes.maxCount.`,
      details: { count: total, maxCount },
    };
  }
  const catalogSize = context.facts.catalogSize;
  if (maxShareBps !== undefined && catalogSize !== undefined && exceeds(total, maxShareBps, catalogSize)) {
    return {
      rule: 'bulk_delete',
      reason: 'delete_share_too_large',
      message: `Deleting ${total} of ${catalogSize} listings is more than ${maxShareBps / 100} % of the catalog.`,
      details: { count: total, catalogSize, maxShareBps },
    };
  }
  return undefined;
}

/**
 * The sliding-window delete caps (`deletes.maxPerWindow`) for deleting `count` listings: the
 * history's executed deletes within the window, the batch's earlier deletes and these.
 *
 * @example
 * ```ts
 * (await windowDeleteViolation(15, context))?.reason; // 'delete_share_in_window_too_large' after 45 of 200 today
 * ```
 */
export async function windowDeleteViolation(count: number, context: RuleContext): Promise<RuleViolation | undefined> {
  const window = context.constraints.deletes?.maxPerWindow;
  if (!window) return undefined;
  const scope =
    context.marketplace === undefined
      ? { tenantId: context.tenantId }
      : { tenantId: context.tenantId, marketplace: context.marketplace };
  const executed = await context.history.deletions(scope, window.windowMs);
  const total = executed + earlierInBatch(context) + count;
  const hours = window.windowMs / 3_600_000;
  const within = `within ${Number.isInteger(hours) ? `${hours} hour(s)` : `${window.windowMs} ms`}`;
  if (window.maxCount !== undefined && total > window.maxCount) {
    return {
      rule: 'delete_window',
      reason: 'too_many_deletes_in_window',
      message: `Deleting ${count} more listings makes ${total} ${within} (${executed} already deleted), more than the cap of ${window.maxCount}; wait, or raise deletes.maxPerWindow.maxCount.`,
      details: { count, executed, total, ...window },
    };
  }
  const catalogSize = context.facts.catalogSize;
  if (window.maxShareBps !== undefined && catalogSize !== undefined) {
    // The catalog as it was when the window started: what is left plus what was deleted since.
    const atStart = catalogSize + executed;
    if (exceeds(total, window.maxShareBps, atStart)) {
      return {
        rule: 'delete_window',
        reason: 'delete_share_in_window_too_large',
        message: `Deleting ${count} more listings makes ${total} of ${atStart} ${within} (${executed} already deleted), more than ${window.maxShareBps / 100} % of the catalog; wait, or raise deletes.maxPerWindow.maxShareBps.`,
        details: { count, executed, total, catalogSize: atStart, ...window },
      };
    }
  }
  return undefined;
}

/**
 * Every delete cap for deleting `count` listings: the batch caps, then the window caps. Used
 * for actions that name a count but no listings (a simulation's `bulk_delete`).
 *
 * @example
 * ```ts
 * (await deleteCountViolations(1000, context))[0]?.reason; // 'too_many_deletes'
 * ```
 */
export async function deleteCountViolations(count: number, context: RuleContext): Promise<RuleViolation[]> {
  return [batchDeleteViolation(count, context), await windowDeleteViolation(count, context)].filter(
    (v): v is RuleViolation => v !== undefined,
  );
}

/**
 * Bulk delete caps: a count and a share of the catalog, over the whole batch.
 *
 * @example
 * ```ts
 * await bulkDeleteRule.check({ type: 'delete_listings', productIds: ids }, context);
 * ```
 */
export const bulkDeleteRule: SafetyRule = {
  name: 'bulk_delete',
  check: (action, context) => (deletedBy(action) === 0 ? undefined : batchDeleteViolation(deletedBy(action), context)),
};

/**
 * Delete caps over a sliding window (`deletes.maxPerWindow`), so that many small deletes cannot
 * remove more than one large one may.
 *
 * @example
 * ```ts
 * await deleteWindowRule.check({ type: 'delete_listings', productIds: ids }, context);
 * ```
 */
export const deleteWindowRule: SafetyRule = {
  name: 'delete_window',
  check: (action, context) => (deletedBy(action) === 0 ? undefined : windowDeleteViolation(deletedBy(action), context)),
};
