import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import type { Order } from '../../../model/order.js';
import type { Product } from '../../../model/product.js';
import type { MercadoLibreNotification } from './verifier.js';
import type { MercadoLibreMarketplace } from '../mercadolibre-marketplace.js';
import { productOf } from '../operations/catalog.js';
import { canonicalOrderOf } from '../operations/orders.js';
import type { MercadoLibreShipment } from '../types/index.js';

/**
 * What a notification pointed at, fetched when it was processed: the resource as MercadoLibre
 * returned it (`data`), its canonical form for orders and items, the shipment for shipments,
 * or `gone` when it no longer exists.
 *
 * @category Webhooks and notifications
 */
export interface NotifiedResource {
  /** The resource as MercadoLibre returned it (undefined when gone). */
  data: unknown;
  /** `orders_v2`: the canonical order. */
  order?: Order;
  /** `items`: the canonical product. */
  product?: Product;
  /** `shipments`: the shipment (new format). */
  shipment?: MercadoLibreShipment;
  /** The resource answered 404: deleted or never visible to this seller. */
  gone: boolean;
}

const ORDER = /^\/orders\/([0-9]+)$/;
const ITEM = /^\/items\/([A-Z]{3}[0-9]+)$/;
const SHIPMENT = /^\/shipments\/([0-9]+)$/;

/**
 * Fetches the resource a notification names through the seller's connector (its token and
 * budgets): orders and items are mapped to the canonical model, shipments are read in the new
 * format, anything else (`/questions/...`, `/messages/...`) is returned as MercadoLibre sends it.
 *
 * @example
 * ```ts
 * const { order } = await fetchNotifiedResource(marketplace, { topic: 'orders_v2', resource: '/orders/2195160686', user_id: 1, application_id: 2 });
 * ```
 */
export async function fetchNotifiedResource(
  marketplace: MercadoLibreMarketplace,
  notification: MercadoLibreNotification,
  signal?: AbortSignal,
): Promise<NotifiedResource> {
  const { client } = marketplace;
  const resource = notification.resource;
  try {
    const order = ORDER.exec(resource);
    if (order) {
      const data = await client.getOrder(order[1]!, signal);
      return { data, order: canonicalOrderOf(data, 'notification'), gone: false };
    }
    const item = ITEM.exec(resource);
    if (item) {
      const data = await client.getItem(item[1]!, signal);
      marketplace.skuIndex.remember([data]);
      return { data, product: productOf(data, 'notification'), gone: false };
    }
    const shipment = SHIPMENT.exec(resource);
    if (shipment) {
      const data = await client.getShipment(shipment[1]!, signal);
      return { data, shipment: data, gone: false };
    }
    return { data: await client.getResource(resource, signal), gone: false };
  } catch (error) {
    if (isMarketbridgeError(error, 'not_found')) return { data: undefined, gone: true };
    throw error;
  }
}
