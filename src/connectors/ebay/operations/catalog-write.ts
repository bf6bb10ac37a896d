import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { SafetyViolationError } from '../../../core/errors/safety-violation-error.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { isUnknownOutcome } from '../../../http/outcome.js';
import type { Product, ProductInput } from '../../../model/product.js';
import { eachConcurrently } from '../batches.js';
import {
  barcodeField,
  EBAY_ATTRIBUTES,
  primaryOffer,
  toEbayInventoryItem,
  toEbayOfferInput,
} from '../mapper/product.js';
import {
  createOrReplaceInventoryItemRequest,
  deleteInventoryItemRequest,
  getInventoryItemRequest,
} from '../requests/inventory.js';
import {
  createOfferRequest,
  publishOfferRequest,
  updateOfferRequest,
  withdrawOfferRequest,
} from '../requests/offers.js';
import type { EbayRequest } from '../requests/types.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayOffer } from '../types.js';
import { fetchOffers } from './offer-lookup.js';

/**
 * The longest listing title eBay accepts.
 *
 * @example
 * ```ts
 * product.title.length <= EBAY_TITLE_MAX;
 * ```
 *
 * @category Operations
 */
export const EBAY_TITLE_MAX = 80;

/**
 * Checks a batch of (already schema-valid) products against what eBay takes, before anything is
 * sent: one offer per product (the SKU is the product), the product id equal to that SKU, SKUs
 * of at most 50 characters and titles of at most 80, prices in the marketplace's currency,
 * barcodes eBay recognises, and no SKU twice. Throws one {@link ValidationError}.
 *
 * @example
 * ```ts
 * checkProductBatch(runtime, products);
 * ```
 */
export function checkProductBatch(rt: EbayRuntime, products: readonly ProductInput[]): void {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  products.forEach((product, index) => {
    if (product.offers.length !== 1) {
      issues.push({
        path: [index, 'offers'],
        message: `Give exactly one offer: on eBay a product is one SKU (multi-variation listings are not supported by upsertProducts); got ${product.offers.length}.`,
      });
      return;
    }
    const offer = product.offers[0]!;
    if (product.id !== undefined && product.id !== offer.sku)
      issues.push({
        path: [index, 'id'],
        message: `On eBay a product's id is its SKU: use "${offer.sku}" or leave id out.`,
      });
    if (offer.sku.length > 50)
      issues.push({ path: [index, 'offers', 0, 'sku'], message: 'eBay SKUs have at most 50 characters.' });
    if ([...product.title].length > EBAY_TITLE_MAX)
      issues.push({
        path: [index, 'title'],
        message: `eBay titles have at most ${EBAY_TITLE_MAX} characters; this one has ${[...product.title].length}.`,
      });
    for (const field of ['price', 'compareAtPrice'] as const) {
      const amount = offer[field];
      if (amount && amount.currency !== rt.marketplace.currency)
        issues.push({
          path: [index, 'offers', 0, field, 'currency'],
          message: `${rt.marketplace.id} lists in ${rt.marketplace.currency}; got ${amount.currency}.`,
        });
    }
    if (offer.barcode !== undefined && !barcodeField(offer.barcode))
      issues.push({
        path: [index, 'offers', 0, 'barcode'],
        message: 'eBay takes a UPC (12 digits) or an EAN (8, 13 or 14 digits).',
      });
    const first = seen.get(offer.sku);
    if (first !== undefined)
      issues.push({ path: [index, 'offers', 0, 'sku'], message: `Duplicate of product ${first}; send each SKU once.` });
    else seen.set(offer.sku, index);
  });
  if (issues.length > 0)
    throw new ValidationError('input of upsertProducts()', issues, { platform: 'ebay', operation: 'upsertProducts' });
}

async function readItem(rt: EbayRuntime, sku: string, signal?: AbortSignal): Promise<EbayInventoryItem | undefined> {
  try {
    return await rt.client.send<EbayInventoryItem>(getInventoryItemRequest(sku), signal);
  } catch (error) {
    if (isMarketbridgeError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

/** Sends a call that revises a live listing: one revision is reserved first and given back if it certainly did not happen. */
async function revise<T>(
  rt: EbayRuntime,
  sku: string,
  live: boolean,
  request: EbayRequest,
  signal?: AbortSignal,
): Promise<T> {
  if (!live) return rt.client.send<T>(request, signal);
  const reserved = await rt.revisions.reserve(sku, request.operation);
  if (reserved instanceof SafetyViolationError) throw reserved;
  try {
    return await rt.client.send<T>(request, signal);
  } catch (error) {
    if (!isUnknownOutcome(error)) await rt.revisions.release(sku, reserved);
    throw error;
  }
}

async function createOffer(rt: EbayRuntime, product: ProductInput, signal?: AbortSignal): Promise<EbayOffer> {
  const sku = product.offers[0]!.sku;
  const body = toEbayOfferInput(product, undefined, rt.mapping, rt.config);
  try {
    const created = await rt.client.send<{ offerId?: string }>(createOfferRequest(body, rt.contentLanguage), signal);
    if (!created?.offerId)
      throw new MarketplaceApiError(`eBay created an offer for ${sku} without returning its id.`, {
        platform: 'ebay',
        operation: 'createOffer',
        retryable: true,
      });
    return { ...body, offerId: created.offerId, status: 'UNPUBLISHED' };
  } catch (error) {
    // eBay keeps one offer per SKU, marketplace and format, so a lost answer is resolved by
    // reading back rather than by sending again.
    if (!isUnknownOutcome(error) && !(isMarketbridgeError(error) && /already exists/i.test(error.message))) throw error;
    const existing = primaryOffer(await fetchOffers(rt, sku, signal), rt.marketplace.id);
    if (existing?.offerId) return existing;
    throw error;
  }
}

async function upsertOne(rt: EbayRuntime, product: ProductInput, signal?: AbortSignal): Promise<Product> {
  const sku = product.offers[0]!.sku;
  const [item, offers] = await Promise.all([readItem(rt, sku, signal), fetchOffers(rt, sku, signal)]);
  let offer = primaryOffer(offers, rt.marketplace.id);
  const live = offer?.status === 'PUBLISHED';
  await revise(
    rt,
    sku,
    live,
    createOrReplaceInventoryItemRequest(sku, toEbayInventoryItem(product, item, rt.mapping), rt.contentLanguage),
    signal,
  );
  if (offer?.offerId) {
    const body = toEbayOfferInput(product, offer, rt.mapping, rt.config);
    await revise(rt, sku, live, updateOfferRequest(offer.offerId, body, rt.contentLanguage), signal);
    offer = { ...offer, ...body };
  } else offer = await createOffer(rt, product, signal);
  const offerId = offer.offerId!;
  let listingId = offer.listing?.listingId;
  let published = offer.status === 'PUBLISHED';
  const wanted = (product.status ?? 'active') === 'active';
  if (wanted && rt.config.publish && !published) {
    listingId =
      (await rt.client.send<{ listingId?: string }>(publishOfferRequest(offerId), signal))?.listingId ?? listingId;
    published = true;
  } else if (!wanted && published) {
    await rt.client.send(withdrawOfferRequest(offerId), signal);
    published = false;
  }
  await rt.offers.remember(sku, {
    offerId,
    ...(listingId ? { listingId } : {}),
    status: published ? 'PUBLISHED' : 'UNPUBLISHED',
  });
  const attributes = { ...(product.attributes ?? {}) };
  if (listingId) attributes[EBAY_ATTRIBUTES.listingId] = listingId;
  return {
    ...product,
    id: sku,
    status: published ? 'active' : product.status === 'archived' ? 'archived' : 'draft',
    images: product.images ?? [],
    attributes,
    offers: [
      {
        ...product.offers[0]!,
        externalId: offerId,
        condition: product.offers[0]!.condition ?? 'new',
        options: product.offers[0]!.options ?? {},
      },
    ],
    updatedAt: new Date(rt.context.clock.now()).toISOString(),
  };
}

/**
 * Creates or replaces single-SKU products: the inventory item (keeping its stock), then the
 * offer (updateOffer, or createOffer with a read-back when the answer is lost), then publishes
 * `active` products (when `publish` is on) or withdraws the listing of `draft`/`archived` ones.
 * Writes to a live listing reserve revisions first (see the revision guard). Failures are per
 * product: the step that failed says why; the steps before it stay done, and sending the same
 * product again converges (every step is a replace).
 *
 * @example
 * ```ts
 * const result = await upsertProducts(runtime, [{ title: 'Mug', offers: [{ sku: 'MUG-1', price: money(1299, 'USD') }] }]);
 * ```
 */
export async function upsertProducts(
  rt: EbayRuntime,
  products: readonly ProductInput[],
  signal?: AbortSignal,
): Promise<BatchResult<ProductInput, Product>> {
  checkProductBatch(rt, products);
  const outcomes = await eachConcurrently(
    products,
    rt.config.concurrency,
    async (product, index): Promise<ItemOutcome<ProductInput, Product>> => {
      try {
        return { index, input: product, ok: true, value: await upsertOne(rt, product, signal) };
      } catch (error) {
        if (!isMarketbridgeError(error)) throw error;
        return { index, input: product, ok: false, error: error as MarketbridgeError };
      }
    },
  );
  return toBatchResult(outcomes);
}

/**
 * Deletes products by SKU: the inventory item with its offers and single-variation listings.
 * A SKU eBay does not know fails with `NotFoundError`.
 *
 * @example
 * ```ts
 * await deleteProducts(runtime, ['MUG-1']);
 * ```
 */
export async function deleteProducts(
  rt: EbayRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<BatchResult<string, string>> {
  const outcomes = await eachConcurrently(
    skus,
    rt.config.concurrency,
    async (sku, index): Promise<ItemOutcome<string, string>> => {
      try {
        await rt.client.send(deleteInventoryItemRequest(sku), signal);
        await rt.offers.forget(sku);
        return { index, input: sku, ok: true, value: sku };
      } catch (error) {
        if (!isMarketbridgeError(error)) throw error;
        return { index, input: sku, ok: false, error };
      }
    },
  );
  return toBatchResult(outcomes);
}

/**
 * Publishes the offers of SKUs (or, for live ones, revises their listings with the offer's
 * current data). Per item: no offer (`NotFoundError`), the revision limit, or eBay's refusal
 * (missing policies, category or stock).
 *
 * @example
 * ```ts
 * const result = await publishOffers(runtime, ['MUG-1']);
 * result.items[0]?.ok && result.items[0].value.listingId;
 * ```
 */
export async function publishOffers(
  rt: EbayRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<BatchResult<string, { sku: string; offerId: string; listingId?: string }>> {
  const outcomes = await eachConcurrently(
    skus,
    rt.config.concurrency,
    async (sku, index): Promise<ItemOutcome<string, { sku: string; offerId: string; listingId?: string }>> => {
      try {
        const offer = primaryOffer(await fetchOffers(rt, sku, signal), rt.marketplace.id);
        if (!offer?.offerId)
          throw new MarketplaceApiError(
            `${sku} has no offer on ${rt.marketplace.id} to publish; create it with upsertProducts.`,
            { platform: 'ebay', operation: 'publishOffer' },
          );
        const answer = await revise<{ listingId?: string }>(
          rt,
          sku,
          offer.status === 'PUBLISHED',
          publishOfferRequest(offer.offerId),
          signal,
        );
        const listingId = answer?.listingId ?? offer.listing?.listingId;
        await rt.offers.remember(sku, {
          offerId: offer.offerId,
          ...(listingId ? { listingId } : {}),
          status: 'PUBLISHED',
        });
        return {
          index,
          input: sku,
          ok: true,
          value: { sku, offerId: offer.offerId, ...(listingId ? { listingId } : {}) },
        };
      } catch (error) {
        if (!isMarketbridgeError(error)) throw error;
        return { index, input: sku, ok: false, error };
      }
    },
  );
  return toBatchResult(outcomes);
}
