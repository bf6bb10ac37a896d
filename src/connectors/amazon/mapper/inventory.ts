import type { InventoryLevel } from '../../../model/inventory.js';

/**
 * The parts of an FBA `InventorySummary` the mapper reads.
 *
 * @example
 * ```ts
 * const summary: SpApiInventorySummary = { sellerSku: 'MUG-1', inventoryDetails: { fulfillableQuantity: 5, reservedQuantity: { totalReservedQuantity: 2 } }, lastUpdatedTime: '2026-11-01T00:00:00Z' };
 * ```
 */
export interface SpApiInventorySummary {
  sellerSku?: string;
  asin?: string;
  totalQuantity?: number;
  lastUpdatedTime?: string;
  inventoryDetails?: { fulfillableQuantity?: number; reservedQuantity?: { totalReservedQuantity?: number } };
}

/**
 * An FBA inventory summary as a canonical {@link InventoryLevel} at location `AFN:<marketplaceId>`.
 * FBA stock cannot be written by the seller, so `version` is the update time in seconds.
 *
 * @example
 * ```ts
 * fromSpApiInventorySummary(summary, 'ATVPDKIKX0DER', clock.now());
 * ```
 */
export function fromSpApiInventorySummary(summary: SpApiInventorySummary, marketplaceId: string, now: number): InventoryLevel | undefined {
  if (!summary.sellerSku) return undefined;
  const available = Math.max(0, summary.inventoryDetails?.fulfillableQuantity ?? 0);
  const reserved = Math.max(0, summary.inventoryDetails?.reservedQuantity?.totalReservedQuantity ?? 0);
  const time = summary.lastUpdatedTime ? Date.parse(summary.lastUpdatedTime) : Number.NaN;
  const updatedAt = Number.isFinite(time) ? time : now;
  return {
    sku: summary.sellerSku,
    locationId: `AFN:${marketplaceId}`,
    available,
    reserved,
    onHand: available + reserved,
    updatedAt: new Date(updatedAt).toISOString(),
    version: Math.max(0, Math.floor(updatedAt / 1000)),
  };
}
