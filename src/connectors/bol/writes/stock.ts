import type { ItemOutcome } from '../../../core/batch.js';
import type { InventoryLevel, InventorySet } from '../../../model/inventory.js';
import { readBackByEntity } from '../process-status/read-back.js';
import { updateStockRequest } from '../requests/offers.js';
import type { BolRuntime } from '../runtime.js';
import type { BolStockUpdate } from '../types.js';
import { writeBySku, writeKey, type BolWriteOptions } from './by-sku.js';

/**
 * The most stock bol.com takes for one offer.
 *
 * @example
 * ```ts
 * Math.min(quantity, BOL_MAX_STOCK);
 * ```
 *
 * @category Operations
 */
export const BOL_MAX_STOCK = 999;

/**
 * The location id of the retailer's own stock (FBR). bol.com's warehouse stock (`FBB`) is
 * managed by bol.com and cannot be written.
 *
 * @example
 * ```ts
 * await bol.setInventory([{ sku, quantity: 5, locationId: BOL_RETAILER_LOCATION }]);
 * ```
 *
 * @category Operations
 */
export const BOL_RETAILER_LOCATION = 'FBR';

/**
 * The location id of stock in bol.com's warehouses (FBB), readable with `getInventory`.
 *
 * @example
 * ```ts
 * levels.filter((level) => level.locationId === BOL_WAREHOUSE_LOCATION);
 * ```
 *
 * @category Operations
 */
export const BOL_WAREHOUSE_LOCATION = 'FBB';

/**
 * Absolute stock writes: one `PUT /offers/{offer-id}/stock` per SKU (bol.com has no bulk stock
 * write), each answered by a process status that is polled to its end. Refused per item before
 * anything is sent: a quantity above 999 (unless `stockAboveMaximum: 'cap'`, which sends 999),
 * a location other than `FBR`, an FBB offer, a SKU given twice; per item after resolving: an
 * unknown or ambiguous SKU. Writes with an `idempotencyKey` (or under a `batchKey`) are
 * resumable: a replay never sends the same write twice.
 *
 * @example
 * ```ts
 * const outcomes = await setStock(runtime, [{ sku: '0000007740404', quantity: 6 }], {});
 * ```
 */
export function setStock(
  runtime: BolRuntime,
  updates: readonly InventorySet[],
  options: BolWriteOptions,
  onSent?: () => void,
): Promise<ItemOutcome<InventorySet, InventoryLevel>[]> {
  const { stockAboveMaximum, stockManagedByRetailer } = runtime.config;
  return writeBySku<InventorySet, BolStockUpdate, InventoryLevel>(
    runtime,
    updates,
    {
      operation: 'setInventory',
      check(input) {
        const issues = [];
        if (input.locationId !== undefined && input.locationId !== BOL_RETAILER_LOCATION) {
          issues.push({
            path: ['locationId'],
            message:
              input.locationId === BOL_WAREHOUSE_LOCATION
                ? 'Stock in bol.com warehouses (FBB) is managed by bol.com and cannot be set.'
                : `bol.com has one writable location, ${BOL_RETAILER_LOCATION}; got ${input.locationId}.`,
          });
        }
        if (input.quantity > BOL_MAX_STOCK && stockAboveMaximum === 'refuse') {
          issues.push({
            path: ['quantity'],
            message: `bol.com takes at most ${BOL_MAX_STOCK} units of stock per offer; got ${input.quantity}. Send ${BOL_MAX_STOCK}, or configure stockAboveMaximum: 'cap'.`,
          });
        }
        if (issues.length > 0) return { ok: false, issues };
        return {
          ok: true,
          payload: { amount: Math.min(input.quantity, BOL_MAX_STOCK), managedByRetailer: stockManagedByRetailer },
        };
      },
      offerIssues(ref) {
        // An FBB offer's retailer stock is not what buyers see: refuse it rather than write it.
        return ref.fulfilment === 'FBB'
          ? [
              {
                path: ['sku'],
                message: 'This offer is fulfilled by bol.com (FBB); its stock is managed in bol.com warehouses.',
              },
            ]
          : undefined;
      },
      write(payload, ref, index, input) {
        const request = updateStockRequest(ref.offerId, payload);
        const key = writeKey('stock', index, options, input.idempotencyKey);
        return {
          request,
          ...(key ? { key } : {}),
          readBack: (since, fingerprint, signal) =>
            readBackByEntity(runtime.client, ref.offerId, 'UPDATE_OFFER_STOCK', since, fingerprint, signal),
        };
      },
      value(input, payload) {
        return {
          sku: input.sku,
          locationId: BOL_RETAILER_LOCATION,
          available: payload.amount,
          reserved: 0,
          onHand: payload.amount,
          updatedAt: new Date(runtime.context.clock.now()).toISOString(),
          version: payload.amount,
        };
      },
    },
    options,
    onSent,
  );
}
