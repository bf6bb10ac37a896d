import type { MarketplaceAction } from '../../model/action.js';
import type { SafetyRule } from '../rule.js';
import { translateSimulationAction } from '../translate.js';

const REVISING = new Set<MarketplaceAction['type']>([
  'set_price',
  'set_inventory',
  'adjust_inventory',
  'update_listing',
]);

/**
 * The listings an action revises, in the sense of platform revision limits.
 *
 * @example
 * ```ts
 * revisedListings({ type: 'set_price', sku: 'A-1', price }); // ['A-1']
 * ```
 */
export function revisedListings(action: MarketplaceAction | undefined): string[] {
  if (!action || !REVISING.has(action.type)) return [];
  // An update_listing revises the listing (its product id), not each offer separately.
  if (action.type === 'update_listing') return [action.product.id];
  return translateSimulationAction(action).listings;
}

/**
 * Platform revision limits, e.g. eBay's 250 revisions of a listing per day.
 *
 * @example
 * ```ts
 * await revisionsPerDayRule.check({ type: 'set_inventory', sku: 'A-1', quantity: 3 }, context);
 * ```
 */
export const revisionsPerDayRule: SafetyRule = {
  name: 'platform_revisions',
  async check(action, context) {
    const limit = context.constraints.platform?.revisionsPerListingPerDay;
    if (limit === undefined) return undefined;
    const scope =
      context.marketplace === undefined
        ? { tenantId: context.tenantId }
        : { tenantId: context.tenantId, marketplace: context.marketplace };
    for (const listing of revisedListings(action)) {
      const inBatch = context.previous.filter((earlier) => revisedListings(earlier).includes(listing)).length;
      const count = (await context.history.revisions(scope, listing)) + inBatch + 1;
      if (count > limit) {
        return {
          rule: 'platform_revisions',
          reason: 'platform_policy',
          message: `${listing} would be revised ${count} times today; ${context.marketplace ?? 'the marketplace'} allows ${limit} revisions of a listing per day.`,
          details: { listing, count, limit },
        };
      }
    }
    return undefined;
  },
};
