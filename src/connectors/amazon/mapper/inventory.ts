import type { InventoryLevel } from '../../../model/inventory.js';

/**
 * The parts of an FBA `InventorySummary` the mapper reads.
 */
export interface SpApiInventorySummary {
  sellerSku?: string;
  asin?: string;
  totalQuantity?: number;
  lastUpdatedTime?: string;
  inventoryDetails?: { fulfillableQuantity?: number; reservedQuantity?: { totalReservedQuantity?: number } };
}

/**
 * An FBA inventory summary as a canonical {@link InventoryLevel} at location `AFN:<marketplaceId>`
 * (see {@link afnLocationId}). Amazon keeps no stock version, and its update time (whole
 * seconds, not moved by every change) would hide a change made in the same second, so
 * `version` is the fulfillable quantity itself: it changes whenever the quantity does.
 *
 * @example
 * ```ts
 * fromSpApiInventorySummary(summary, 'ATVPDKIKX0DER', clock.now());
 * ```
 */
export function fromSpApiInventorySummary(
  summary: SpApiInventorySummary,
  marketplaceId: string,
  now: number,
): InventoryLevel | undefined {
  if (!summary.sellerSku) return undefined;
  const available = Math.max(0, summary.inventoryDetails?.fulfillableQuantity ?? 0);
  const reserved = Math.max(0, summary.inventoryDetails?.reservedQuantity?.totalReservedQuantity ?? 0);
  const time = summary.lastUpdatedTime ? Date.parse(summary.lastUpdatedTime) : Number.NaN;
  const updatedAt = Number.isFinite(time) ? time : now;
  return {
    sku: summary.sellerSku,
    locationId: afnLocationId(marketplaceId),
    available,
    reserved,
    onHand: available + reserved,
    updatedAt: new Date(updatedAt).toISOString(),
    version: available,
  };
}

/**
 * Which stock pool an inventory location names: Amazon's fulfillment network for a store
 * (`AFN:<marketplaceId>`, FBA stock, which only Amazon changes) or a merchant fulfillment
 * channel (`MFN:<fulfillmentChannelCode>`, `MFN:DEFAULT` for most sellers, which `setInventory`
 * writes).
 *
 * @category Platform types and mapping
 */
export type AmazonStockPool = { network: 'AFN'; marketplaceId: string } | { network: 'MFN'; channelCode: string };

/**
 * The location id of a merchant fulfillment channel's stock.
 *
 * @example
 * ```ts
 * mfnLocationId(); // 'MFN:DEFAULT'
 * ```
 *
 * @category Platform types and mapping
 */
export function mfnLocationId(channelCode = 'DEFAULT'): string {
  return `MFN:${channelCode}`;
}

/**
 * The location id of the FBA stock of a store.
 *
 * @example
 * ```ts
 * afnLocationId('ATVPDKIKX0DER'); // 'AFN:ATVPDKIKX0DER'
 * ```
 *
 * @category Platform types and mapping
 */
export function afnLocationId(marketplaceId: string): string {
  return `AFN:${marketplaceId}`;
}

/**
 * The stock pool a location id names. A bare channel code (`DEFAULT`) is read as that merchant
 * channel, so location ids from before the `MFN:` prefix still work.
 *
 * @example
 * ```ts
 * amazonStockPool('AFN:ATVPDKIKX0DER'); // { network: 'AFN', marketplaceId: 'ATVPDKIKX0DER' }
 * amazonStockPool('DEFAULT');           // { network: 'MFN', channelCode: 'DEFAULT' }
 * ```
 *
 * @category Platform types and mapping
 */
export function amazonStockPool(locationId: string): AmazonStockPool {
  if (locationId.startsWith('AFN:')) return { network: 'AFN', marketplaceId: locationId.slice(4) };
  return { network: 'MFN', channelCode: locationId.startsWith('MFN:') ? locationId.slice(4) : locationId };
}

/**
 * The merchant-fulfilled stock of a listing (its `fulfillmentAvailability` data set), one level
 * per merchant channel at `MFN:<channel>`, and whether the listing also has an Amazon (FBA)
 * channel (`AMAZON_*`, reported without a quantity: read it from FBA inventory). Merchant stock
 * has no reserved units in the listing; `version` is the quantity itself (Amazon keeps no stock
 * version, and the listing's `lastUpdatedDate` does not tell two changes in one second apart).
 *
 * @example
 * ```ts
 * fromListingFulfillment({ sku: 'MUG-1', fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 7 }] }, clock.now());
 * // { levels: [{ sku: 'MUG-1', locationId: 'MFN:DEFAULT', available: 7, ... }], fulfilledByAmazon: false }
 * ```
 */
export function fromListingFulfillment(
  item: {
    sku: string;
    summaries?: { lastUpdatedDate?: string }[];
    fulfillmentAvailability?: { fulfillmentChannelCode: string; quantity?: number }[];
  },
  now: number,
): { levels: InventoryLevel[]; fulfilledByAmazon: boolean } {
  const time = item.summaries?.[0]?.lastUpdatedDate ? Date.parse(item.summaries[0].lastUpdatedDate) : Number.NaN;
  const updatedAt = Number.isFinite(time) ? time : now;
  const levels: InventoryLevel[] = [];
  let fulfilledByAmazon = false;
  for (const channel of Array.isArray(item.fulfillmentAvailability) ? item.fulfillmentAvailability : []) {
    if (typeof channel?.fulfillmentChannelCode !== 'string' || channel.fulfillmentChannelCode === '') continue;
    if (channel.fulfillmentChannelCode.startsWith('AMAZON_')) {
      fulfilledByAmazon = true;
      continue;
    }
    if (typeof channel.quantity !== 'number' || !Number.isInteger(channel.quantity)) continue;
    const available = Math.max(0, channel.quantity);
    levels.push({
      sku: item.sku,
      locationId: mfnLocationId(channel.fulfillmentChannelCode),
      available,
      reserved: 0,
      onHand: available,
      updatedAt: new Date(updatedAt).toISOString(),
      version: available,
    });
  }
  return { levels, fulfilledByAmazon };
}
