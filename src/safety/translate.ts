import type { OperationName } from '../core/capabilities.js';
import type { MarketplaceAction, MarketplaceActionType } from '../model/action.js';
import { formatMoney } from '../model/money.js';

/**
 * The concrete connector call a {@link MarketplaceAction} becomes: the canonical operation of
 * `BaseMarketplaceAPI` and the exact array it is called with. Inspect it before anything is
 * sent; the compliance checker and dry runs work on it.
 *
 * @example
 * ```ts
 * const planned: PlannedOperation = translateSimulationAction({ type: 'set_price', sku: 'A-1', price: { amountMinor: 1299, currency: 'EUR' } });
 * planned.operation; // 'updatePrices'
 * planned.payload; // [{ sku: 'A-1', price: { amountMinor: 1299, currency: 'EUR' } }]
 * ```
 *
 * @category Validator
 */
export interface PlannedOperation {
  /** The action this operation carries out. */
  actionType: MarketplaceActionType;
  /** The canonical write operation called. */
  operation: OperationName;
  /** The items the operation is called with, exactly as they will be sent. */
  payload: unknown[];
  /** The listings (SKUs or product ids) the operation revises, for platform policies. */
  listings: string[];
  /** The marketplace the action names, if any. */
  marketplace?: string;
  /** One readable line describing the operation. */
  summary: string;
}

/**
 * Turns a simulation action into the concrete connector operation and payload it stands for,
 * without calling anything. `adjust_inventory` gets an idempotency key derived from the
 * action id, so that a replay of the same action applies once on platforms that honour keys.
 *
 * @example
 * ```ts
 * translateSimulationAction({ type: 'delete_listings', productIds: ['P-1', 'P-2'] });
 * // { operation: 'deleteProducts', payload: ['P-1', 'P-2'], summary: 'delete 2 listings', ... }
 * ```
 *
 * @category Validator
 */
export function translateSimulationAction(action: MarketplaceAction): PlannedOperation {
  const base = action.marketplace === undefined ? {} : { marketplace: action.marketplace };
  switch (action.type) {
    case 'set_price':
      return {
        ...base,
        actionType: action.type,
        operation: 'updatePrices',
        payload: [{ sku: action.sku, price: { ...action.price } }],
        listings: [action.sku],
        summary: `set the price of ${action.sku} to ${formatMoney(action.price)} ${action.price.currency}`,
      };
    case 'set_inventory':
      return {
        ...base,
        actionType: action.type,
        operation: 'setInventory',
        payload: [withLocation({ sku: action.sku, quantity: action.quantity }, action.locationId)],
        listings: [action.sku],
        summary: `set the stock of ${action.sku} to ${action.quantity}`,
      };
    case 'adjust_inventory': {
      const item: Record<string, unknown> = withLocation({ sku: action.sku, delta: action.delta }, action.locationId);
      if (action.id !== undefined) item.idempotencyKey = `action:${action.id}`;
      return {
        ...base,
        actionType: action.type,
        operation: 'adjustInventory',
        payload: [item],
        listings: [action.sku],
        summary: `${action.delta > 0 ? 'add' : 'remove'} ${Math.abs(action.delta)} units of ${action.sku}`,
      };
    }
    case 'create_listing':
      return {
        ...base,
        actionType: action.type,
        operation: 'upsertProducts',
        payload: [structuredClone(action.product)],
        listings: action.product.offers.map((offer) => offer.sku),
        summary: `create the listing "${action.product.title}" with ${action.product.offers.length} offer(s)`,
      };
    case 'update_listing':
      return {
        ...base,
        actionType: action.type,
        operation: 'upsertProducts',
        payload: [structuredClone(action.product)],
        listings: [action.product.id, ...action.product.offers.map((offer) => offer.sku)],
        summary: `replace the listing ${action.product.id}`,
      };
    case 'delete_listings':
      return {
        ...base,
        actionType: action.type,
        operation: 'deleteProducts',
        payload: [...action.productIds],
        listings: [...action.productIds],
        summary: `delete ${action.productIds.length} listing(s)`,
      };
    case 'confirm_shipment':
      return {
        ...base,
        actionType: action.type,
        operation: 'confirmShipment',
        payload: [structuredClone(action.shipment)],
        listings: [],
        summary: `confirm shipment of order ${action.shipment.orderId} with ${action.shipment.carrier}`,
      };
    case 'cancel_order':
      return {
        ...base,
        actionType: action.type,
        operation: 'cancelOrder',
        payload: [structuredClone(action.request)],
        listings: [],
        summary: `cancel order ${action.request.orderId}`,
      };
    case 'acknowledge_orders':
      return {
        ...base,
        actionType: action.type,
        operation: 'acknowledgeOrders',
        payload: [...action.orderIds],
        listings: [],
        summary: `acknowledge ${action.orderIds.length} order(s)`,
      };
  }
}

function withLocation<T extends Record<string, unknown>>(
  item: T,
  locationId: string | undefined,
): T & { locationId?: string } {
  return locationId === undefined ? item : { ...item, locationId };
}
