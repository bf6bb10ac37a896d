import type { ItemOutcome } from '../../core/batch.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { z } from 'zod';
import type { ProductInputSchema } from '../../model/product.js';
import type { SpApiClient } from './client.js';
import { offerPrice, pricePatch, type ListingPatch } from './requests/listings.js';

/**
 * One `putListingsItem` submission: a SKU with its Amazon product type, the requirements set
 * and the listing's attributes as Amazon names them (`item_name`, `brand`,
 * `externally_assigned_product_identifier`, `purchasable_offer`, ...). A put replaces the
 * listing's attributes with exactly these.
 *
 * @example
 * ```ts
 * const put: AmazonListingPut = {
 *   sku: 'MUG-1', productType: 'KITCHEN', requirements: 'LISTING',
 *   attributes: { item_name: [{ value: 'Blue Mug', marketplace_id }], brand: [{ value: 'Acme', marketplace_id }], ... },
 * };
 * ```
 *
 * @category Operations
 */
export interface AmazonListingPut {
  sku: string;
  /** The item's Amazon product type (Product Type Definitions API); `PRODUCT` takes offer-only submissions only. */
  productType: string;
  /** `LISTING` (product facts and sales terms, the default), `LISTING_PRODUCT_ONLY` or `LISTING_OFFER_ONLY`. */
  requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
  attributes: Record<string, unknown>;
}

interface Submission {
  status?: string;
  issues?: { code?: string; message: string; severity: string }[];
}

/** Every problem of a batch of puts, found before anything is sent. */
export function checkPuts(puts: readonly AmazonListingPut[]): void {
  const issues: ValidationIssue[] = [];
  puts.forEach((put, index) => {
    if (!put || typeof put.sku !== 'string' || !put.sku)
      issues.push({ path: [index, 'sku'], message: 'Give the SKU.' });
    if (!put || typeof put.productType !== 'string' || !put.productType)
      issues.push({
        path: [index, 'productType'],
        message: "Give the item's Amazon product type (Product Type Definitions API).",
      });
    else if (put.productType === 'PRODUCT' && put.requirements !== 'LISTING_OFFER_ONLY') {
      issues.push({
        path: [index, 'productType'],
        message:
          "The product type PRODUCT takes offer-only submissions only (requirements: 'LISTING_OFFER_ONLY'); a full listing needs the item's own product type.",
      });
    }
    if (!put?.attributes || typeof put.attributes !== 'object' || Object.keys(put.attributes).length === 0)
      issues.push({
        path: [index, 'attributes'],
        message: 'Give the listing attributes, as the product type definition names them.',
      });
  });
  if (issues.length > 0)
    throw new ValidationError('input of putListings()', issues, { platform: 'amazon', operation: 'putListingsItem' });
}

/** The error of a submission Amazon answered INVALID or with ERROR issues, if it did. */
export function submissionError(sku: string, operation: string, answer: Submission): MarketplaceApiError | undefined {
  const errors = (answer.issues ?? []).filter((issue) => issue.severity === 'ERROR');
  if (answer.status !== 'INVALID' && errors.length === 0) return undefined;
  return new MarketplaceApiError(
    `Amazon rejected ${sku}: ${errors.map((issue) => `${issue.code ? `${issue.code} ` : ''}${issue.message}`).join('; ') || answer.status}`,
    { platform: 'amazon', operation, status: 400, body: answer },
  );
}

const asError = (error: unknown, operation: string): MarketbridgeError =>
  isMarketbridgeError(error)
    ? error
    : new MarketplaceApiError(String((error as Error)?.message ?? error), {
        platform: 'amazon',
        operation,
        cause: error,
      });

/** Sends puts one by one; each gets its own outcome. */
export async function putEach(
  client: SpApiClient,
  puts: readonly AmazonListingPut[],
  options: { dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<ItemOutcome<AmazonListingPut, AmazonListingPut>[]> {
  const outcomes: ItemOutcome<AmazonListingPut, AmazonListingPut>[] = [];
  for (const [index, put] of puts.entries()) {
    try {
      const answer = await client.putListingsItem<Submission>(
        { ...put, ...(options.dryRun ? { mode: 'VALIDATION_PREVIEW' as const } : {}) },
        options.signal,
      );
      const error = submissionError(put.sku, 'putListingsItem', answer);
      outcomes.push(error ? { index, input: put, ok: false, error } : { index, input: put, ok: true, value: put });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      outcomes.push({ index, input: put, ok: false, error: asError(error, 'putListingsItem') });
    }
  }
  return outcomes;
}

/**
 * A canonical product input after validation (defaults filled in).
 *
 * @category Operations
 */
export type ParsedProductInput = z.output<typeof ProductInputSchema>;

const CONDITION: Record<string, string> = { new: 'new_new', refurbished: 'refurbished_refurbished', used: 'used_good' };

/** The ASIN a canonical product names for its offer: `offers[0].externalId` or `attributes.asin`. */
export function asinOf(product: ParsedProductInput): string | undefined {
  return product.offers[0]?.externalId ?? product.attributes.asin;
}

/**
 * The attributes of an offer-only listing of a canonical product on an existing ASIN: the ASIN
 * match (`merchant_suggested_asin`), the condition, the B2C offer and the stock (the
 * `DEFAULT` merchant channel with `attributes.quantity` units, 0 when not given; or the FBA
 * channel named by `attributes.fulfillmentChannelCode`, whose stock Amazon keeps).
 *
 * @example
 * ```ts
 * putListingsItemRequest({ sellerId, sku: 'TEA-1', marketplaceId, productType: 'PRODUCT', requirements: 'LISTING_OFFER_ONLY', attributes: offerOnlyAttributes(product, marketplaceId) });
 * ```
 *
 * @category Operations
 */
export function offerOnlyAttributes(product: ParsedProductInput, marketplaceId: string): Record<string, unknown> {
  const offer = product.offers[0]!;
  const channel = product.attributes.fulfillmentChannelCode ?? 'DEFAULT';
  const quantity = Number(product.attributes.quantity ?? 0);
  return {
    merchant_suggested_asin: [{ value: asinOf(product), marketplace_id: marketplaceId }],
    condition_type: [{ value: CONDITION[offer.condition] ?? 'new_new', marketplace_id: marketplaceId }],
    purchasable_offer: [offerPrice(offer.price, marketplaceId)],
    fulfillment_availability: [
      channel.startsWith('AMAZON_')
        ? { fulfillment_channel_code: channel }
        : { fulfillment_channel_code: channel, quantity },
    ],
  };
}

/** Every reason a batch of canonical products cannot become offer-only listings, found before anything is sent. */
export function checkOfferOnly(products: readonly ParsedProductInput[]): void {
  const issues: ValidationIssue[] = [];
  products.forEach((product, index) => {
    if (product.offers.length !== 1)
      issues.push({
        path: [index, 'offers'],
        message: `An Amazon listing is one SKU: give one offer per product (got ${product.offers.length}).`,
      });
    if (!asinOf(product)) {
      issues.push({
        path: [index, 'offers', 0, 'externalId'],
        message:
          'Amazon lists an offer on an existing ASIN: give the ASIN as offers[0].externalId or attributes.asin. To create a new product, use putListings() with its product type and attributes.',
      });
    }
    const quantity = product.attributes.quantity;
    if (quantity !== undefined && !/^\d+$/.test(quantity))
      issues.push({
        path: [index, 'attributes', 'quantity'],
        message: `Expected a whole number of 0 or more, got "${quantity}".`,
      });
  });
  if (issues.length > 0)
    throw new ValidationError('input of upsertProducts()', issues, { platform: 'amazon', operation: 'upsertProducts' });
}

/**
 * One canonical product as an Amazon listing: a new SKU becomes an offer-only listing
 * (`LISTING_OFFER_ONLY`, matched to its ASIN); an existing one gets its offer's price and
 * condition merged in by `patchListingsItem`, so its stock, sale price and other sales terms are
 * left alone.
 */
export async function upsertOne(
  client: SpApiClient,
  product: ParsedProductInput,
  productType: string,
  signal?: AbortSignal,
): Promise<void> {
  const offer = product.offers[0]!;
  const sku = product.id ?? offer.sku;
  let existing: { summaries?: { marketplaceId?: string; asin?: string; productType?: string }[] } | undefined;
  try {
    existing = await client.getListingsItem(sku, ['summaries'], signal);
  } catch (error) {
    if (!isMarketbridgeError(error, 'not_found')) throw error;
  }
  if (!existing) {
    const answer = await client.putListingsItem<Submission>(
      {
        sku,
        productType,
        requirements: 'LISTING_OFFER_ONLY',
        attributes: offerOnlyAttributes(product, client.marketplaceId),
      },
      signal,
    );
    const error = submissionError(sku, 'putListingsItem', answer);
    if (error) throw error;
    return;
  }
  const summary =
    existing.summaries?.find((entry) => entry.marketplaceId === client.marketplaceId) ?? existing.summaries?.[0];
  const asin = asinOf(product);
  if (summary?.asin && asin && summary.asin !== asin) {
    throw new ValidationError(
      'input of upsertProducts()',
      [
        {
          path: ['offers', 0, 'externalId'],
          message: `SKU ${sku} is listed on ASIN ${summary.asin}, not ${asin}; a SKU cannot move to another ASIN.`,
        },
      ],
      { platform: 'amazon', operation: 'upsertProducts' },
    );
  }
  const patches: ListingPatch[] = [
    pricePatch(offer.price, client.marketplaceId),
    {
      op: 'replace',
      path: '/attributes/condition_type',
      value: [{ value: CONDITION[offer.condition] ?? 'new_new', marketplace_id: client.marketplaceId }],
    },
  ];
  const answer = await client.patchListingsItem<Submission>(
    { sku, productType: summary?.productType ?? productType, patches },
    signal,
  );
  const error = submissionError(sku, 'patchListingsItem', answer);
  if (error) throw error;
}

/** Upserts products one by one; each gets its own outcome. */
export async function upsertEach(
  client: SpApiClient,
  products: readonly ParsedProductInput[],
  options: { productType: (product: ParsedProductInput) => string; signal?: AbortSignal },
): Promise<ItemOutcome<ParsedProductInput, ParsedProductInput>[]> {
  const outcomes: ItemOutcome<ParsedProductInput, ParsedProductInput>[] = [];
  for (const [index, product] of products.entries()) {
    try {
      await upsertOne(client, product, options.productType(product), options.signal);
      outcomes.push({ index, input: product, ok: true, value: product });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      outcomes.push({ index, input: product, ok: false, error: asError(error, 'upsertProducts') });
    }
  }
  return outcomes;
}
