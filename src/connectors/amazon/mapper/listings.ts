import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import type { Offer } from '../../../model/offer.js';
import type { Product } from '../../../model/product.js';
import { moneyFrom, type AmazonMapReason } from './money.js';

/**
 * The parts of an SP-API `Item` (Listings Items 2021-08-01) the mapper reads.
 */
export interface SpApiListingsItem {
  sku: string;
  summaries?: {
    marketplaceId: string;
    asin?: string;
    productType?: string;
    itemName?: string;
    status?: string[];
    conditionType?: string;
    lastUpdatedDate?: string;
    mainImage?: { link: string };
  }[];
  offers?: {
    marketplaceId: string;
    offerType?: string;
    price: { currencyCode?: string; currency?: string; amount: string };
  }[];
  fulfillmentAvailability?: { fulfillmentChannelCode: string; quantity?: number }[];
  attributes?: Record<string, unknown>;
}

const CONDITION: Record<string, Offer['condition']> = { new_new: 'new', refurbished_refurbished: 'refurbished' };

/**
 * A listing as a canonical {@link Product} with one {@link Offer} (its B2C price in the store).
 * `productType` and `asin` are kept in `attributes` because writes need them.
 *
 * @example
 * ```ts
 * const product = fromSpApiListingsItem(item, 'ATVPDKIKX0DER')._unsafeUnwrap();
 * ```
 */
export function fromSpApiListingsItem(
  item: SpApiListingsItem,
  marketplaceId: string,
): Result<Product, Failure<AmazonMapReason>> {
  const summary = item.summaries?.find((entry) => entry.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const offer = item.offers?.find(
    (entry) => entry.marketplaceId === marketplaceId && (entry.offerType ?? 'B2C') === 'B2C',
  );
  if (!offer)
    return err(
      failure(
        'invalid_payload',
        `Listing ${item.sku} has no B2C offer in ${marketplaceId}; request includedData=offers.`,
      ),
    );
  const price = moneyFrom(offer.price.amount, offer.price.currencyCode ?? offer.price.currency, `price of ${item.sku}`);
  if (price.isErr()) return err(price.error);
  const status = summary?.status ?? [];
  const attributes: Record<string, string> = {};
  if (summary?.productType) attributes.productType = summary.productType;
  if (summary?.asin) attributes.asin = summary.asin;
  return ok({
    id: item.sku,
    title: summary?.itemName ?? item.sku,
    status: status.includes('BUYABLE') ? 'active' : status.length === 0 ? 'draft' : 'archived',
    offers: [
      {
        sku: item.sku,
        ...(summary?.asin ? { externalId: summary.asin } : {}),
        price: price.value,
        condition: CONDITION[summary?.conditionType ?? 'new_new'] ?? 'used',
        options: {},
      },
    ],
    images: summary?.mainImage ? [summary.mainImage.link] : [],
    attributes,
    ...(summary?.lastUpdatedDate ? { updatedAt: new Date(summary.lastUpdatedDate).toISOString() } : {}),
  });
}

/**
 * The merchant-fulfilled quantity of a listing (`DEFAULT` channel), if it has one.
 *
 * @example
 * ```ts
 * listingQuantity(item); // 7
 * ```
 */
export function listingQuantity(item: SpApiListingsItem): number | undefined {
  return item.fulfillmentAvailability?.find((entry) => entry.fulfillmentChannelCode === 'DEFAULT')?.quantity;
}
