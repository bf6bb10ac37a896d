import type { OrderStatus } from '../model/order.js';

/**
 * Filters and paging of {@link BaseMarketplaceAPI.listProducts}.
 *
 * @category Marketplace contract
 */
export interface ListProductsQuery {
  /** Items per platform page (the connector clamps it to the platform's maximum). */
  pageSize?: number;
  /** Only products with this status. */
  status?: 'active' | 'draft' | 'archived';
  /** Only products changed at or after this ISO timestamp. */
  updatedSince?: string;
}

/**
 * Filters of {@link BaseMarketplaceAPI.getInventory}.
 *
 * @category Marketplace contract
 */
export interface InventoryQuery {
  /** The SKUs to read. */
  skus: readonly string[];
  /** Only this location; omitted: every location. */
  locationId?: string;
}

/**
 * Filters and paging of {@link BaseMarketplaceAPI.listOrders}.
 *
 * @category Marketplace contract
 */
export interface ListOrdersQuery {
  /** Orders created or updated at or after this ISO timestamp. */
  since?: string;
  /** Only these statuses. */
  status?: readonly OrderStatus[];
  /** Items per platform page. */
  pageSize?: number;
}

/**
 * Filters of {@link BaseMarketplaceAPI.listFinancialEvents}.
 *
 * @category Marketplace contract
 */
export interface ListFinancialEventsQuery {
  /** Events at or after this ISO timestamp. */
  since?: string;
  /** Events before this ISO timestamp. */
  until?: string;
  /** Only events of this order. */
  orderId?: string;
}

/**
 * The result of {@link BaseMarketplaceAPI.healthCheck}.
 *
 * @example
 * ```ts
 * const health: HealthStatus = await marketplace.healthCheck();
 * if (!health.ok) alert(health.message);
 * ```
 *
 * @category Marketplace contract
 */
export interface HealthStatus {
  /** Whether the marketplace answered as expected. */
  ok: boolean;
  /** Round-trip time of the check. */
  latencyMs: number;
  /** When the check ran (ISO timestamp). */
  checkedAt: string;
  /** What was wrong, if anything. */
  message?: string;
}
