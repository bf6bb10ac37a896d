import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { OperationName } from '../../core/capabilities.js';
import type { MarketplaceAction } from '../../model/action.js';
import type { ChangeHistory, HistoryScope } from '../history.js';
import type { RuleViolation } from '../rule.js';
import type { PlannedOperation } from '../translate.js';
import type { CatalogIndex, ObservedState } from './observed.js';

/** The reads each action needs to record the prior state and verify the write: all of one group, or any of it. */
function readsFor(action: MarketplaceAction): { all: OperationName[]; anyOf?: OperationName[] } {
  switch (action.type) {
    case 'set_price':
    case 'create_listing':
      return { all: ['listProducts'] };
    case 'set_inventory':
    case 'adjust_inventory':
      return { all: ['getInventory'] };
    case 'update_listing':
    case 'delete_listings':
      // A delete also needs the catalog's size for the share caps.
      return action.type === 'delete_listings'
        ? { all: ['listProducts'] }
        : { all: [], anyOf: ['getProduct', 'listProducts'] };
    case 'confirm_shipment':
    case 'cancel_order':
    case 'acknowledge_orders':
      return { all: ['getOrder'] };
  }
}

/**
 * The operations an action needs that the marketplace does not implement: the write itself
 * and the reads that record the prior state and verify the result.
 *
 * @example
 * ```ts
 * missingOperations({ type: 'set_inventory', sku: 'A-1', quantity: 3 }, plan, myShop); // ['setInventory', 'getInventory']
 * ```
 */
export function missingOperations(
  action: MarketplaceAction,
  plan: PlannedOperation,
  api: BaseMarketplaceAPI,
): OperationName[] {
  const supports = (operation: OperationName) => api.capabilities.supports(operation);
  const { all, anyOf } = readsFor(action);
  const missing = [plan.operation, ...all].filter((operation) => !supports(operation));
  if (anyOf && !anyOf.some(supports)) missing.push(anyOf[0] as OperationName);
  return [...new Set(missing)];
}

const unknown = (kind: string, ids: readonly string[]): RuleViolation => ({
  rule: 'target_exists',
  reason: 'unknown_target',
  message: `${ids.length === 1 ? `The ${kind} ${ids[0]} does not exist` : `The ${kind}s ${ids.join(', ')} do not exist`} on this marketplace; nothing was sent.`,
  details: { kind, ids: [...ids] },
});

/**
 * What an action names that is not on the marketplace, read in `before`: unknown SKUs,
 * listings and orders (`unknown_target`), and listings deleted earlier through the history
 * (`already_deleted`, with when). An action with any is refused whole, dry runs included.
 *
 * @example
 * ```ts
 * const violations = await missingTargets(action, before, catalog, history, scope);
 * violations[0]?.reason; // 'already_deleted'
 * ```
 */
export async function missingTargets(
  action: MarketplaceAction,
  before: ObservedState,
  catalog: CatalogIndex,
  api: BaseMarketplaceAPI,
  history: ChangeHistory,
  scope: HistoryScope,
): Promise<RuleViolation[]> {
  switch (action.type) {
    case 'set_price':
      return before.values[`offer:${action.sku}.price`] === 'absent' ? [unknown('SKU', [action.sku])] : [];
    case 'set_inventory':
    case 'adjust_inventory': {
      if (before.levels[`${action.sku}@${action.locationId ?? '*'}`]) return [];
      // A listed SKU without stock at a location yet may get some; an unlisted one is unknown.
      const listed = api.capabilities.supports('listProducts') ? await catalog.productBySku(action.sku) : undefined;
      return listed ? [] : [unknown('SKU', [action.sku])];
    }
    case 'update_listing':
    case 'delete_listings': {
      const ids = action.type === 'update_listing' ? [action.product.id] : action.productIds;
      const absent = ids.filter((id) => before.products[id] === undefined);
      const deleted: { id: string; at: string }[] = [];
      const never: string[] = [];
      for (const id of absent) {
        const at = await history.deletedAt(scope, id);
        if (at === undefined) never.push(id);
        else deleted.push({ id, at: new Date(at).toISOString() });
      }
      const out: RuleViolation[] = [];
      if (deleted.length) {
        out.push({
          rule: 'target_exists',
          reason: 'already_deleted',
          message: `Already deleted: ${deleted.map((d) => `${d.id} (at ${d.at})`).join(', ')}; nothing was sent.`,
          details: { ids: deleted.map((d) => d.id), deletedAt: Object.fromEntries(deleted.map((d) => [d.id, d.at])) },
        });
      }
      if (never.length) out.push(unknown('listing', never));
      return out;
    }
    case 'confirm_shipment':
    case 'cancel_order':
    case 'acknowledge_orders': {
      const ids =
        action.type === 'confirm_shipment'
          ? [action.shipment.orderId]
          : action.type === 'cancel_order'
            ? [action.request.orderId]
            : action.orderIds;
      const absent = ids.filter((id) => before.orders[id] === undefined);
      return absent.length ? [unknown('order', absent)] : [];
    }
    case 'create_listing':
      return [];
  }
}
