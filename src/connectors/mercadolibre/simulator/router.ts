import type { SimRequest } from './context.js';
import { getResource, getUser, missedFeeds } from './feeds.js';
import { updateItem } from './item-updates.js';
import { createItem, getItem, multigetItems, searchItems } from './items.js';
import { getOrder, postFeedback, searchOrders } from './orders.js';
import { getShipment, postSellerNotification, putShipment } from './shipments.js';
import { getStock, putStock } from './stock.js';

type Handler = (sim: SimRequest) => Response | Promise<Response>;

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/users\/([0-9]+)\/items\/search$/, searchItems],
  ['GET', /^\/items$/, multigetItems],
  ['GET', /^\/items\/([A-Z]{3}[0-9]+)$/, getItem],
  ['POST', /^\/items$/, createItem],
  ['PUT', /^\/items\/([A-Z]{3}[0-9]+)$/, updateItem],
  ['GET', /^\/user-products\/([A-Z]{3}U[0-9]+)\/stock$/, getStock],
  ['PUT', /^\/user-products\/([A-Z]{3}U[0-9]+)\/stock\/type\/([a-z_]+)$/, putStock],
  ['GET', /^\/orders\/search$/, searchOrders],
  ['GET', /^\/orders\/([0-9]+)$/, getOrder],
  ['POST', /^\/orders\/([0-9]+)\/feedback$/, postFeedback],
  ['GET', /^\/shipments\/([0-9]+)$/, getShipment],
  ['PUT', /^\/shipments\/([0-9]+)$/, putShipment],
  ['POST', /^\/shipments\/([0-9]+)\/seller_notifications$/, postSellerNotification],
  ['GET', /^\/missed_feeds$/, missedFeeds],
  ['GET', /^\/users\/(me|[0-9]+)$/, getUser],
  ['GET', /^\/[a-z_-]+\/[A-Za-z0-9_-]+$/, getResource],
];

/**
 * The handler of a method and path, with the path's captured parts; undefined when
 * MercadoLibre has no such resource (the simulator answers 404).
 *
 * @example
 * ```ts
 * const route = routeOf('GET', '/items/MLA1'); // { handler: getItem, params: ['MLA1'] }
 * ```
 */
export function routeOf(method: string, path: string): { handler: Handler; params: string[] } | undefined {
  for (const [verb, pattern, handler] of ROUTES) {
    if (verb !== method) continue;
    const match = pattern.exec(path);
    if (match) return { handler, params: match.slice(1) };
  }
  return undefined;
}
