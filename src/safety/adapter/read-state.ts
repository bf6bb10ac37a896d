import type { InventoryLevel } from '../../model/inventory.js';
import type { Order } from '../../model/order.js';
import type { Connection } from './execution.js';
import type { AdapterStateSync } from './settings.js';
import type { RealWorldState } from './state-sync.js';

/**
 * Reads the canonical listings, inventory and orders of one connection; orders pass through
 * `anonymise` when given.
 *
 * @example
 * ```ts
 * const state = await readRealWorldState(connection, { includeOrders: true }, undefined, new Date().toISOString());
 * ```
 */
export async function readRealWorldState(
  connection: Connection,
  settings: AdapterStateSync,
  anonymise: ((order: Order) => Promise<Order>) | undefined,
  syncedAt: string,
): Promise<RealWorldState> {
  const products = await connection.catalog.scan();
  const skus = products.flatMap((p) => p.offers.map((o) => o.sku));
  const inventory: InventoryLevel[] = skus.length ? await connection.api.getInventory({ skus }) : [];
  const orders: Order[] = [];
  if (settings.includeOrders !== false) {
    for await (const order of connection.api.listOrders(settings.ordersSince ? { since: settings.ordersSince } : {})) {
      orders.push(anonymise ? await anonymise(order) : order);
    }
  }
  return { marketplace: connection.info.id, platform: connection.info.platform, syncedAt, products, inventory, orders };
}
