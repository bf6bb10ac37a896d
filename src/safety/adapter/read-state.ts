import type { ResolvedContext } from '../../core/context.js';
import type { InventoryLevel } from '../../model/inventory.js';
import type { Order } from '../../model/order.js';
import { takeFromBucket } from '../../stores/bucket.js';
import type { ConnectionInfo } from './connections.js';
import type { Connection } from './execution.js';
import type { AdapterRateLimit, AdapterStateSync } from './settings.js';
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

/**
 * Waits for one token of the adapter's bucket in the context's store; emits `throttled` for
 * every wait. Without a limit it returns at once.
 *
 * @example
 * ```ts
 * await paceActions(context, { ratePerSecond: 2, burst: 5, scope: 'connection' }, connection.info);
 * ```
 */
export async function paceActions(context: ResolvedContext, limit: Required<AdapterRateLimit> | undefined, connection: ConnectionInfo): Promise<void> {
  if (!limit) return;
  const key = `safety:rl:${context.tenantId}:${limit.scope === 'adapter' ? '*' : connection.id}`;
  for (;;) {
    const taken = await takeFromBucket(context.store, { key, capacity: limit.burst, refillPerSecond: limit.ratePerSecond, cost: 1 }, context.clock);
    if (taken.granted) return;
    context.events.emit('throttled', { platform: connection.platform, tenantId: context.tenantId, operation: 'executeAction', waitMs: taken.retryAfterMs, source: 'limiter' });
    await context.clock.sleep(taken.retryAfterMs);
  }
}
