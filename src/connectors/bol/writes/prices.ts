import type { ItemOutcome } from '../../../core/batch.js';
import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import type { Offer, PriceUpdate } from '../../../model/offer.js';
import { toBolPricing, type BundlePrice } from '../mapper/bundle-prices.js';
import { conditionFromBol } from '../mapper/condition.js';
import { readBackByEntity } from '../process-status/read-back.js';
import { updatePriceRequest } from '../requests/offers.js';
import type { BolRuntime } from '../runtime.js';
import type { BolPricing } from '../types.js';
import { writeBySku, writeKey, type BolWriteOptions } from './by-sku.js';

/**
 * The volume prices of one SKU: from 1 to 4 tiers, quantity 1 among them, each larger quantity
 * cheaper per unit (VAT included).
 *
 * @category Operations
 */
export interface BolBundlePriceUpdate {
  sku: string;
  bundlePrices: BundlePrice[];
}

function priceWrite(runtime: BolRuntime, options: BolWriteOptions) {
  return (pricing: BolPricing, ref: { offerId: string }, index: number) => {
    const key = writeKey('price', index, options);
    return {
      request: updatePriceRequest(ref.offerId, pricing),
      ...(key ? { key } : {}),
      readBack: (since: number, fingerprint: string, signal?: AbortSignal) =>
        readBackByEntity(runtime.client, ref.offerId, 'UPDATE_OFFER_PRICE', since, fingerprint, signal),
    };
  };
}

/**
 * Bundle price writes: one `PUT /offers/{offer-id}/price` per SKU, replacing all its tiers.
 * bol.com's rules (1–4 tiers, quantity 1 present, quantities 1–24, decreasing unit prices, EUR
 * from 1.00 to 9,999.00) are checked per item before anything is sent.
 *
 * @example
 * ```ts
 * await setBundlePrices(runtime, [{ sku, bundlePrices: [{ quantity: 1, unitPrice: money(999, 'EUR') }] }], {});
 * ```
 */
export function setBundlePrices(
  runtime: BolRuntime,
  updates: readonly BolBundlePriceUpdate[],
  options: BolWriteOptions,
  onSent?: () => void,
): Promise<ItemOutcome<BolBundlePriceUpdate, BolPricing>[]> {
  return writeBySku<BolBundlePriceUpdate, BolPricing, BolPricing>(
    runtime,
    updates,
    {
      operation: 'updateBundlePrices',
      check(input) {
        const converted = toBolPricing(input.bundlePrices);
        return converted.ok
          ? { ok: true, payload: converted.pricing }
          : {
              ok: false,
              issues: converted.issues.map((issue) => ({ ...issue, path: ['bundlePrices', ...issue.path] })),
            };
      },
      write: priceWrite(runtime, options),
      value: (_input, pricing) => pricing,
    },
    options,
    onSent,
  );
}

/**
 * Canonical price writes: the unit price for quantity 1, sent as the offer's only bundle price
 * (`PUT /offers/{offer-id}/price` replaces every tier; use `updateBundlePrices` to keep volume
 * prices). Refused per item before sending: a currency other than EUR, a price outside 1.00 to
 * 9,999.00, a `compareAtPrice` (bol.com has none; `null` is accepted and changes nothing).
 *
 * @example
 * ```ts
 * await setPrices(runtime, [{ sku, price: money(1299, 'EUR') }], {});
 * ```
 */
export function setPrices(
  runtime: BolRuntime,
  updates: readonly PriceUpdate[],
  options: BolWriteOptions,
  onSent?: () => void,
): Promise<ItemOutcome<PriceUpdate, Offer>[]> {
  return writeBySku<PriceUpdate, BolPricing, Offer>(
    runtime,
    updates,
    {
      operation: 'updatePrices',
      check(input) {
        const issues: ValidationIssue[] = [];
        if (input.compareAtPrice)
          issues.push({
            path: ['compareAtPrice'],
            message: 'bol.com has no compare-at (strike-through) price; leave it out or null.',
          });
        const converted = toBolPricing([{ quantity: 1, unitPrice: input.price }]);
        if (!converted.ok) issues.push(...converted.issues.map((issue) => ({ ...issue, path: ['price'] })));
        return issues.length > 0 || !converted.ok ? { ok: false, issues } : { ok: true, payload: converted.pricing };
      },
      write: priceWrite(runtime, options),
      value: (input, _pricing, ref) => ({
        sku: input.sku,
        externalId: ref.offerId,
        price: input.price,
        ...(ref.ean ? { barcode: ref.ean } : {}),
        condition: conditionFromBol(ref.condition),
        options: {},
      }),
    },
    options,
    onSent,
  );
}
