import type { InventoryLevel } from '../../../model/inventory.js';
import type { EbayInventoryItem, EbayShipToLocationAvailability } from '../types.js';

/**
 * The location id of an item's total ship-to-home quantity: what eBay sells from. Merchant
 * locations (`availabilityDistributions`) appear under their `merchantLocationKey`.
 *
 * @example
 * ```ts
 * await ebay.setInventory([{ sku: 'MUG-1', locationId: EBAY_SHIP_TO_HOME, quantity: 12 }]);
 * ```
 *
 * @category Platform types and mapping
 */
export const EBAY_SHIP_TO_HOME = 'SHIP_TO_HOME';

/**
 * The stock levels of an inventory item: its ship-to-home total and one level per merchant
 * location, or only the one named by `locationId`. eBay keeps no version of stock: the quantity
 * itself is the version (as Shopify's compare quantity is), so a level's version changes exactly
 * when its quantity does, which is what the sync engine watches. Nothing is reserved.
 *
 * @example
 * ```ts
 * toEbayInventoryLevels('MUG-1', item, '2026-01-01T00:00:00.000Z'); // [{ locationId: 'SHIP_TO_HOME', available: 7, ... }, ...]
 * ```
 */
export function toEbayInventoryLevels(
  sku: string,
  item: EbayInventoryItem | undefined,
  updatedAt: string,
  locationId?: string,
): InventoryLevel[] {
  const availability = item?.availability?.shipToLocationAvailability ?? {};
  const level = (location: string, quantity: number | undefined): InventoryLevel => {
    const available = Math.max(0, Math.trunc(quantity ?? 0));
    return { sku, locationId: location, available, reserved: 0, onHand: available, updatedAt, version: available };
  };
  const levels = [level(EBAY_SHIP_TO_HOME, availability.quantity)];
  for (const entry of availability.availabilityDistributions ?? [])
    if (entry.merchantLocationKey) levels.push(level(entry.merchantLocationKey, entry.quantity));
  if (locationId === undefined) return levels;
  const found = levels.filter((entry) => entry.locationId === locationId);
  return found.length > 0 ? found : [level(locationId, 0)];
}

/**
 * The `shipToLocationAvailability` after setting some merchant locations: those locations take
 * the new quantities, the others keep theirs, and the ship-to-home total becomes their sum.
 *
 * @example
 * ```ts
 * mergeLocationQuantities({ quantity: 5, availabilityDistributions: [{ merchantLocationKey: 'A', quantity: 5 }] }, { B: 3 });
 * // { quantity: 8, availabilityDistributions: [{ merchantLocationKey: 'A', quantity: 5 }, { merchantLocationKey: 'B', quantity: 3 }] }
 * ```
 */
export function mergeLocationQuantities(
  current: EbayShipToLocationAvailability | undefined,
  updates: Readonly<Record<string, number>>,
): EbayShipToLocationAvailability {
  const distributions = (current?.availabilityDistributions ?? [])
    .filter((entry) => entry.merchantLocationKey)
    .map((entry) => ({ ...entry }));
  for (const [key, quantity] of Object.entries(updates)) {
    const existing = distributions.find((entry) => entry.merchantLocationKey === key);
    if (existing) existing.quantity = quantity;
    else distributions.push({ merchantLocationKey: key, quantity });
  }
  const quantity = distributions.reduce((sum, entry) => sum + (entry.quantity ?? 0), 0);
  return { quantity, availabilityDistributions: distributions };
}
