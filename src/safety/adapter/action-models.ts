import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import type { MarketplaceAction } from '../../model/action.js';
import type { Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import { planAction } from '../planned-action.js';
import type { PlannedOperation } from '../translate.js';
import {
  diffValues,
  emptyObserved,
  productSummary,
  toRecreateInput,
  type CatalogIndex,
  type ObservedState,
  type StateDifference,
} from './observed.js';

/**
 * How the executor reads, checks and undoes one kind of action.
 *
 * @example
 * ```ts
 * const model: ActionModel = modelFor(action, api, catalog);
 * const before = await model.read();
 * ```
 */
export interface ActionModel {
  /** Reads the state the action touches; `idMapping` follows re-created products. */
  read(idMapping?: Record<string, string>): Promise<ObservedState>;
  /** The values a fully applied action leaves (for dry-run diffs). */
  expected(before: ObservedState): Record<string, unknown>;
  /** Where `after` is not what a fully applied action leaves. */
  verify(before: ObservedState, after: ObservedState): StateDifference[];
  /** The operations that restore `before`, `[]` when nothing changed, or `irreversible`. */
  compensate(before: ObservedState, after: ObservedState): PlannedOperation[] | 'irreversible';
  /**
   * For compensations the marketplace cannot make conditional (an absolute stock set without
   * compare-and-set): given the state the failed write left and a fresh read taken right before
   * compensating, why compensating now would overwrite a later change, or undefined to go on.
   */
  guard?(after: ObservedState, fresh: ObservedState): string | undefined;
}

const stockKey = (sku: string, locationId: string) => `stock:${sku}@${locationId}.available`;

async function readOrders(api: BaseMarketplaceAPI, ids: readonly string[]): Promise<ObservedState> {
  const observed = emptyObserved();
  for (const id of ids) {
    let order: Order | undefined;
    try {
      order = await api.getOrder(id);
    } catch (error) {
      if (!isMarketbridgeError(error, 'not_found')) throw error;
    }
    if (order) observed.orders[id] = order;
    observed.values[`order:${id}.status`] = order?.status ?? 'absent';
    observed.values[`order:${id}.acknowledged`] = order?.acknowledged ?? 'absent';
    observed.values[`order:${id}.cancelledUnits`] =
      order?.lineItems.reduce((sum, line) => sum + line.quantityCancelled, 0) ?? 'absent';
    observed.values[`order:${id}.shippedUnits`] =
      order?.lineItems.reduce((sum, line) => sum + line.quantityShipped, 0) ?? 'absent';
  }
  return observed;
}

async function readStock(
  api: BaseMarketplaceAPI,
  observed: ObservedState,
  skus: readonly string[],
  locationId?: string,
): Promise<void> {
  if (skus.length === 0) return;
  const levels = await api.getInventory(locationId === undefined ? { skus } : { skus, locationId });
  for (const level of levels) {
    // Without a location the first level returned stands for the marketplace's default location.
    if (locationId === undefined && observed.levels[`${level.sku}@*`] === undefined)
      observed.levels[`${level.sku}@*`] = level;
    observed.levels[`${level.sku}@${level.locationId}`] = level;
    observed.values[stockKey(level.sku, level.locationId)] = level.available;
  }
}

const changed = (before: ObservedState, after: ObservedState) => diffValues(before.values, after.values);
const mismatches = (expected: Record<string, unknown>, after: ObservedState) =>
  diffValues(expected, Object.fromEntries(Object.keys(expected).map((key) => [key, after.values[key]]))).map((d) => ({
    key: d.key,
    before: d.before,
    after: d.after,
  }));

function orderModel(
  api: BaseMarketplaceAPI,
  ids: readonly string[],
  expected: (before: ObservedState) => Record<string, unknown>,
): ActionModel {
  return {
    read: () => readOrders(api, ids),
    expected,
    verify: (before, after) => mismatches(expected(before), after),
    compensate: (before, after) => (changed(before, after).length === 0 ? [] : 'irreversible'),
  };
}

/**
 * The model of `action` on a marketplace.
 *
 * @example
 * ```ts
 * const model = modelFor({ type: 'set_price', sku: 'A-1', price }, api, new CatalogIndex(api));
 * ```
 */
export function modelFor(
  action: MarketplaceAction,
  api: BaseMarketplaceAPI,
  catalog: CatalogIndex,
  plan: PlannedOperation = planAction(action),
): ActionModel {
  const op = (operation: PlannedOperation['operation'], payload: unknown[], summary: string): PlannedOperation => ({
    actionType: action.type,
    operation,
    payload,
    listings: plan.listings,
    summary,
  });
  switch (action.type) {
    case 'set_price': {
      const key = `offer:${action.sku}.price`;
      return {
        async read() {
          const observed = emptyObserved();
          const found = await catalog.offerBySku(action.sku);
          if (found?.product) observed.products[found.product.id] = found.product;
          else if (found) observed.offers = { [action.sku]: found.match };
          observed.values[key] = found?.match.offer.price ?? 'absent';
          return observed;
        },
        expected: () => ({ [key]: action.price }),
        verify: (_before, after) => mismatches({ [key]: action.price }, after),
        compensate(before, after) {
          const prior = before.values[key];
          if (changed(before, after).length === 0 || prior === 'absent') return [];
          return [op('updatePrices', [{ sku: action.sku, price: prior }], `restore the price of ${action.sku}`)];
        },
      };
    }
    case 'set_inventory':
    case 'adjust_inventory': {
      const level = (state: ObservedState) => state.levels[`${action.sku}@${action.locationId ?? '*'}`];
      const keyOf = (state: ObservedState) => {
        const found = level(state);
        return found
          ? stockKey(found.sku, found.locationId)
          : `stock:${action.sku}@${action.locationId ?? '*'}.available`;
      };
      const target = (before: ObservedState) =>
        action.type === 'set_inventory' ? action.quantity : (level(before)?.available ?? 0) + action.delta;
      return {
        async read() {
          const observed = emptyObserved();
          await readStock(api, observed, [action.sku], action.locationId);
          if (!level(observed)) observed.values[keyOf(observed)] = 'absent';
          return observed;
        },
        expected: (before) => ({ [keyOf(before)]: target(before) }),
        verify(before, after) {
          const prior = level(before);
          const now = level(after);
          // A buyer reserving units right after the write moves them from available to reserved;
          // counting them back keeps a sale from looking like a failed write.
          const reservedSince = prior && now ? now.reserved - prior.reserved : 0;
          const seen = now ? now.available + Math.max(0, reservedSince) : 'absent';
          return seen === target(before)
            ? []
            : [{ key: keyOf(before), before: target(before), after: now?.available ?? 'absent' }];
        },
        compensate(before, after) {
          const prior = level(before);
          const now = level(after);
          if (!prior || !now || prior.available === now.available) return [];
          const restore = { sku: prior.sku, locationId: prior.locationId, quantity: prior.available };
          // Compare-and-set only where the marketplace declares it; elsewhere (Amazon, eBay,
          // MercadoLibre items) an expectation is refused, so the set is absolute and `guard`
          // checks the level right before it is sent.
          if (api.capabilities.inventoryCompareAndSet) {
            return [
              op(
                'setInventory',
                [{ ...restore, expectedAvailable: now.available }],
                `restore the stock of ${prior.sku} at ${prior.locationId} (compare-and-set on ${now.available})`,
              ),
            ];
          }
          return [
            op(
              'setInventory',
              [restore],
              `restore the stock of ${prior.sku} at ${prior.locationId} (absolute set: the marketplace has no compare-and-set; the level was read again just before)`,
            ),
          ];
        },
        ...(api.capabilities.inventoryCompareAndSet
          ? {}
          : {
              guard(after: ObservedState, fresh: ObservedState) {
                const now = level(after);
                const latest = level(fresh);
                if (!now || latest?.available === now.available) return undefined;
                return `the stock of ${now.sku} at ${now.locationId} changed from ${now.available} to ${latest?.available ?? 'absent'} since the failed write (a sale or another writer); it was not overwritten, because the marketplace has no compare-and-set. Check the level and set it by hand`;
              },
            }),
      };
    }
    case 'create_listing': {
      const skus = action.product.offers.map((offer) => offer.sku);
      return {
        async read() {
          const observed = emptyObserved();
          // One scan answers every SKU: new SKUs are not in the index, so lookups would each scan.
          const products = await catalog.scan();
          for (const sku of skus) {
            const product = products.find((p) => p.offers.some((offer) => offer.sku === sku));
            if (product) observed.products[product.id] = product;
            observed.values[`listing-of:${sku}`] = product ? 'present' : 'absent';
          }
          return observed;
        },
        expected: () => Object.fromEntries(skus.map((sku) => [`listing-of:${sku}`, 'present'])),
        verify: (_before, after) =>
          mismatches(Object.fromEntries(skus.map((sku) => [`listing-of:${sku}`, 'present'])), after),
        compensate(before, after) {
          const created = Object.keys(after.products).filter((id) => before.products[id] === undefined);
          return created.length === 0
            ? []
            : [op('deleteProducts', created, `delete the ${created.length} listing(s) created`)];
        },
      };
    }
    case 'update_listing':
    case 'delete_listings': {
      const ids = action.type === 'update_listing' ? [action.product.id] : action.productIds;
      const expectedValue =
        action.type === 'update_listing'
          ? productSummary({ ...action.product, status: action.product.status ?? 'active' } as Product)
          : 'absent';
      const expected = () => Object.fromEntries(ids.map((id) => [`product:${id}`, expectedValue]));
      return {
        async read(idMapping = {}) {
          const observed = emptyObserved();
          const found = await catalog.products(ids.map((id) => idMapping[id] ?? id));
          for (const [index, id] of ids.entries()) {
            const product = found[index];
            if (product) observed.products[id] = product;
            observed.values[`product:${id}`] = productSummary(product);
            // Stock is read so that a rollback can restore it; a marketplace without stock reads has none to restore.
            if (product && action.type === 'delete_listings' && api.capabilities.supports('getInventory'))
              await readStock(
                api,
                observed,
                product.offers.map((offer) => offer.sku),
              );
          }
          return observed;
        },
        expected,
        verify: (_before, after) => mismatches(expected(), after),
        compensate(before, after) {
          if (changed(before, after).length === 0) return [];
          if (action.type === 'update_listing') {
            const prior = before.products[action.product.id];
            return prior
              ? [op('upsertProducts', [{ ...toRecreateInput(prior), id: prior.id }], `restore the listing ${prior.id}`)]
              : [];
          }
          const gone = ids.flatMap((id) => {
            const prior = before.products[id];
            return prior && !after.products[id] ? [prior] : [];
          });
          if (gone.length === 0) return [];
          const products = gone.map(toRecreateInput);
          const skus = new Set(gone.flatMap((product) => product.offers.map((offer) => offer.sku)));
          const stock = Object.entries(before.levels)
            .filter(([key, level]) => !key.endsWith('@*') && skus.has(level.sku))
            .map(([, level]) => ({ sku: level.sku, locationId: level.locationId, quantity: level.available }));
          const steps = [
            op(
              'upsertProducts',
              products,
              `re-create ${gone.length} deleted listing(s): ${gone.map((product) => product.id).join(', ')}`,
            ),
          ];
          if (stock.length) steps.push(op('setInventory', stock, `restore the stock of ${stock.length} level(s)`));
          return steps;
        },
      };
    }
    case 'confirm_shipment':
      return orderModel(api, [action.shipment.orderId], (before) => {
        const units = action.shipment.lineItems?.reduce((sum, line) => sum + line.quantity, 0);
        const shipped = before.values[`order:${action.shipment.orderId}.shippedUnits`];
        const open =
          before.orders[action.shipment.orderId]?.lineItems.reduce(
            (sum, l) => sum + l.quantity - l.quantityShipped - l.quantityCancelled,
            0,
          ) ?? 0;
        return {
          [`order:${action.shipment.orderId}.shippedUnits`]:
            (typeof shipped === 'number' ? shipped : 0) + (units ?? open),
        };
      });
    case 'cancel_order':
      return orderModel(api, [action.request.orderId], (before) => {
        const id = action.request.orderId;
        if (!action.request.lineItems) return { [`order:${id}.status`]: 'cancelled' };
        const cancelled = before.values[`order:${id}.cancelledUnits`];
        return {
          [`order:${id}.cancelledUnits`]:
            (typeof cancelled === 'number' ? cancelled : 0) +
            action.request.lineItems.reduce((sum, line) => sum + line.quantity, 0),
        };
      });
    case 'acknowledge_orders':
      return orderModel(api, action.orderIds, () =>
        Object.fromEntries(action.orderIds.map((id) => [`order:${id}.acknowledged`, true])),
      );
  }
}
