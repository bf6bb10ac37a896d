import { z } from 'zod';
import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { SafetyViolationError } from '../../../core/errors/safety-violation-error.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { isUnknownOutcome } from '../../../http/client.js';
import { QuantitySchema, SkuSchema } from '../../../model/common.js';
import { MoneySchema, type Money } from '../../../model/money.js';
import { chunksOf, eachConcurrently } from '../batches.js';
import { ebayItemError } from '../errors.js';
import { mergeLocationQuantities } from '../mapper/inventory.js';
import { toEbayAmount } from '../mapper/money.js';
import { bulkGetInventoryItemRequest, bulkUpdatePriceQuantityRequest, EBAY_BULK_MAX } from '../requests/inventory.js';
import { getOfferRequest, updateOfferRequest } from '../requests/offers.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayOffer, EbayPriceQuantity, EbayPriceQuantityResponse } from '../types.js';
import { resolveOffers, type ResolvedOffer } from './offer-lookup.js';

/**
 * A price and/or stock change of one SKU through `bulkUpdatePriceQuantity`: the offer's price,
 * the ship-to-home total (`quantity`), or quantities per merchant location (`locations`; the
 * other locations keep theirs and the total becomes the sum).
 *
 * @example
 * ```ts
 * const update: EbayPriceQuantityUpdate = { sku: 'MUG-1', price: { amountMinor: 1299, currency: 'USD' }, quantity: 40 };
 * ```
 */
export interface EbayPriceQuantityUpdate {
  sku: string;
  price?: Money;
  quantity?: number;
  locations?: Record<string, number>;
}

/**
 * Validates an {@link EbayPriceQuantityUpdate}: a SKU of at most 50 characters (eBay's limit),
 * and at least one change, never both a total and per-location quantities.
 *
 * @example
 * ```ts
 * EbayPriceQuantityUpdateSchema.parse({ sku: 'MUG-1', locations: { 'WH-1': 4 } });
 * ```
 */
export const EbayPriceQuantityUpdateSchema = z
  .object({
    sku: SkuSchema.max(50, 'eBay SKUs have at most 50 characters.'),
    price: MoneySchema.optional(),
    quantity: QuantitySchema.optional(),
    locations: z.record(z.string().min(1).max(36), QuantitySchema).optional(),
  })
  .strict()
  .refine((update) => update.price !== undefined || update.quantity !== undefined || update.locations !== undefined, { message: 'Give a price, a quantity or location quantities.' })
  .refine((update) => update.quantity === undefined || update.locations === undefined, {
    message: 'Give either the ship-to-home quantity or quantities per location: the total of a SKU with locations is their sum.',
    path: ['locations'],
  });

interface Prepared {
  index: number;
  sku: string;
  /** The bulk entry, when the SKU has something for bulkUpdatePriceQuantity. */
  entry?: EbayPriceQuantity;
  /** The price of an unpublished offer: eBay's bulk call takes published offers only, so it goes through updateOffer. */
  draft?: { offerId: string; price: Money };
  /** Whether the SKU has a live listing (a revision); undefined when not known. */
  live?: boolean;
  /** The offer came from the index (it may be stale). */
  remembered: boolean;
}

type Outcome = { index: number; ok: true } | { index: number; ok: false; error: MarketbridgeError; stale?: boolean };

/**
 * Checks a whole batch before anything is sent: one change per SKU, prices in the
 * marketplace's currency. Throws one {@link ValidationError} with every problem.
 *
 * @example
 * ```ts
 * checkPriceQuantityBatch(runtime, updates, 'updatePrices');
 * ```
 */
export function checkPriceQuantityBatch(rt: EbayRuntime, updates: readonly EbayPriceQuantityUpdate[], operation: string, paths: (index: number) => (string | number)[] = (index) => [index]): void {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  updates.forEach((update, index) => {
    const first = seen.get(update.sku);
    if (first !== undefined) issues.push({ path: [...paths(index), 'sku'], message: `Duplicate of item ${first}: eBay takes one change per SKU a call; combine them.` });
    else seen.set(update.sku, index);
    if (update.price && update.price.currency !== rt.marketplace.currency) {
      issues.push({ path: [...paths(index), 'price', 'currency'], message: `${rt.marketplace.id} lists in ${rt.marketplace.currency}; got ${update.price.currency}.` });
    }
  });
  if (issues.length > 0) throw new ValidationError(`input of ${operation}()`, issues, { platform: 'ebay', operation });
}

async function currentAvailability(rt: EbayRuntime, skus: readonly string[], signal?: AbortSignal): Promise<Map<string, EbayInventoryItem | MarketbridgeError>> {
  const out = new Map<string, EbayInventoryItem | MarketbridgeError>();
  await eachConcurrently(chunksOf(skus, EBAY_BULK_MAX), rt.config.concurrency, async (chunk) => {
    try {
      const body = await rt.client.send<{ responses?: { sku?: string; statusCode?: number; inventoryItem?: EbayInventoryItem; errors?: never[] }[] }>(bulkGetInventoryItemRequest(chunk), signal);
      for (const response of body?.responses ?? []) {
        if (!response.sku) continue;
        out.set(response.sku, response.statusCode === 200 && response.inventoryItem ? response.inventoryItem : ebayItemError(response.statusCode, response.errors ?? [], 'bulkGetInventoryItem', response.sku));
      }
    } catch (error) {
      if (!isMarketbridgeError(error)) throw error;
      for (const sku of chunk) out.set(sku, error);
    }
  });
  return out;
}

const STALE_OFFER_ERRORS = new Set([25713, 25002]);

function itemOutcome(item: Prepared, responses: readonly EbayPriceQuantityResponse[], operation: string): Outcome {
  const mine = responses.filter((response) => response.sku === item.sku || (response.offerId !== undefined && response.offerId === item.entry?.offers?.[0]?.offerId));
  if (mine.length === 0) {
    return { index: item.index, ok: false, error: new MarketplaceApiError(`eBay returned no status for ${item.sku}; read it back before sending it again.`, { platform: 'ebay', operation, retryable: true }) };
  }
  const failed = mine.find((response) => response.statusCode !== 200);
  if (!failed) return { index: item.index, ok: true };
  const error = ebayItemError(failed.statusCode, failed.errors ?? [], operation, item.sku);
  // An offer the index remembered that eBay no longer knows, or no longer has live.
  const stale = item.remembered && failed.offerId !== undefined && (failed.errors ?? []).some((e) => e.errorId !== undefined && STALE_OFFER_ERRORS.has(e.errorId));
  return { index: item.index, ok: false, error, stale };
}

async function sendChunk(rt: EbayRuntime, chunk: readonly Prepared[], operation: string, signal?: AbortSignal): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const admitted: { item: Prepared; reservedAt: number }[] = [];
  for (const item of chunk) {
    if (item.live === false) {
      admitted.push({ item, reservedAt: -1 });
      continue;
    }
    const reserved = await rt.revisions.reserve(item.sku, operation);
    if (reserved instanceof SafetyViolationError) outcomes.push({ index: item.index, ok: false, error: reserved });
    else admitted.push({ item, reservedAt: reserved });
  }
  if (admitted.length === 0) return outcomes;
  let responses: EbayPriceQuantityResponse[];
  try {
    const body = await rt.client.send<{ responses?: EbayPriceQuantityResponse[] }>(bulkUpdatePriceQuantityRequest(admitted.map(({ item }) => item.entry!)), signal);
    responses = body?.responses ?? [];
  } catch (error) {
    if (!isMarketbridgeError(error)) throw error;
    // A call that certainly did not revise anything gives its reservations back.
    if (!isUnknownOutcome(error)) for (const { item, reservedAt } of admitted) if (reservedAt >= 0) await rt.revisions.release(item.sku, reservedAt);
    return [...outcomes, ...admitted.map(({ item }) => ({ index: item.index, ok: false as const, error }))];
  }
  for (const { item, reservedAt } of admitted) {
    const outcome = itemOutcome(item, responses, operation);
    if (!outcome.ok && !outcome.error.retryable && reservedAt >= 0) await rt.revisions.release(item.sku, reservedAt);
    outcomes.push(outcome);
  }
  return outcomes;
}

async function setDraftPrice(rt: EbayRuntime, item: Prepared, operation: string, signal?: AbortSignal): Promise<Outcome> {
  const draft = item.draft!;
  try {
    const offer = await rt.client.send<EbayOffer>(getOfferRequest(draft.offerId), signal);
    if (offer?.status === 'PUBLISHED') return { index: item.index, ok: false, error: new MarketplaceApiError(`The offer of ${item.sku} was published meanwhile.`, { platform: 'ebay', operation }), stale: true };
    const body = { ...offer, pricingSummary: { ...offer?.pricingSummary, price: toEbayAmount(draft.price) } };
    await rt.client.send(updateOfferRequest(draft.offerId, body, rt.contentLanguage), signal);
    return { index: item.index, ok: true };
  } catch (error) {
    if (!isMarketbridgeError(error)) throw error;
    return { index: item.index, ok: false, error, stale: item.remembered && error.code === 'not_found' };
  }
}

/**
 * Price and stock changes of many SKUs in `bulkUpdatePriceQuantity` calls of at most 25 SKUs,
 * `concurrency` calls at a time, each paced by the Inventory API's call limit. Prices need the
 * SKU's offer id: known ones come from the offer index, the others are looked up (one getOffers
 * call each). eBay's bulk call takes published offers only, so the price of an unpublished
 * offer is set with updateOffer instead (two calls). Location quantities are merged with the
 * current ones (one bulkGetInventoryItem call per 25 SKUs). Before a SKU that may have a live
 * listing is sent, one revision of it is reserved; a SKU whose listing used up its daily
 * revisions fails with a `SafetyViolationError` and is not sent.
 *
 * Per item: no offer (`NotFoundError`), eBay's per-SKU status (errors typed by `errorId`), the
 * revision limit, or the failure of its call (all SKUs of that call). An offer that the index
 * remembered but eBay no longer knows (or no longer has live) is looked up again and sent once
 * more.
 *
 * @example
 * ```ts
 * const result = await updatePriceQuantity(runtime, [{ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 40 }]);
 * ```
 */
export async function updatePriceQuantity(
  rt: EbayRuntime,
  updates: readonly EbayPriceQuantityUpdate[],
  options: { operation?: string; signal?: AbortSignal; onProgress?: (done: number, failed: number) => void } = {},
): Promise<BatchResult<EbayPriceQuantityUpdate, EbayPriceQuantityUpdate>> {
  const operation = options.operation ?? 'updatePriceQuantity';
  const { signal } = options;
  const outcomes = new Map<number, Outcome>();
  const fail = (index: number, error: MarketbridgeError) => outcomes.set(index, { index, ok: false, error });
  const record = (outcome: Outcome) => {
    const previous = outcomes.get(outcome.index);
    // An item with a bulk part and a draft part succeeds when both do.
    if (!previous || previous.ok) outcomes.set(outcome.index, outcome);
  };

  const located = updates.filter((update) => update.locations !== undefined).map((update) => update.sku);
  const current = located.length > 0 ? await currentAvailability(rt, located, signal) : new Map<string, EbayInventoryItem | MarketbridgeError>();

  const prepare = (update: EbayPriceQuantityUpdate, index: number, refs: Map<string, ResolvedOffer | MarketbridgeError>): Prepared | undefined => {
    const entry: EbayPriceQuantity = { sku: update.sku };
    if (update.quantity !== undefined) entry.shipToLocationAvailability = { quantity: update.quantity };
    if (update.locations) {
      const item = current.get(update.sku);
      if (isMarketbridgeError(item)) return void fail(index, item);
      entry.shipToLocationAvailability = mergeLocationQuantities(item?.availability?.shipToLocationAvailability, update.locations);
    }
    const prepared: Prepared = { index, sku: update.sku, remembered: false };
    if (update.price) {
      const ref = refs.get(update.sku);
      if (!ref || isMarketbridgeError(ref)) return void fail(index, ref ?? new MarketplaceApiError(`No offer for ${update.sku}.`, { platform: 'ebay', operation }));
      prepared.remembered = ref.remembered;
      prepared.live = ref.status === 'PUBLISHED';
      if (prepared.live) entry.offers = [{ offerId: ref.offerId, price: toEbayAmount(update.price) }];
      else prepared.draft = { offerId: ref.offerId, price: update.price };
    }
    if (entry.shipToLocationAvailability || entry.offers) prepared.entry = entry;
    return prepared;
  };

  const run = async (items: readonly Prepared[]) => {
    const bulk = items.filter((item) => item.entry);
    await eachConcurrently(chunksOf(bulk, EBAY_BULK_MAX), rt.config.concurrency, async (chunk) => {
      for (const outcome of await sendChunk(rt, chunk, operation, signal)) record(outcome);
      options.onProgress?.(outcomes.size, [...outcomes.values()].filter((outcome) => !outcome.ok).length);
    });
    await eachConcurrently(items.filter((item) => item.draft), rt.config.concurrency, async (item) => record(await setDraftPrice(rt, item, operation, signal)));
  };

  const priced = updates.filter((update) => update.price !== undefined).map((update) => update.sku);
  const refs = await resolveOffers(rt, priced, signal);
  const prepared = updates.map((update, index) => prepare(update, index, refs)).filter((item): item is Prepared => item !== undefined);
  await run(prepared);

  // Offers the index remembered that eBay no longer knows (or has live): look them up and send once more.
  const stale = prepared.filter((item) => {
    const outcome = outcomes.get(item.index);
    return outcome && !outcome.ok && outcome.stale;
  });
  if (stale.length > 0) {
    for (const item of stale) {
      outcomes.delete(item.index);
      await rt.offers.forget(item.sku);
    }
    const fresh = await resolveOffers(rt, stale.map((item) => item.sku), signal);
    await run(stale.map((item) => prepare(updates[item.index]!, item.index, fresh)).filter((item): item is Prepared => item !== undefined));
  }

  return toBatchResult(
    updates.map((input, index): ItemOutcome<EbayPriceQuantityUpdate, EbayPriceQuantityUpdate> => {
      const outcome = outcomes.get(index);
      if (outcome?.ok) return { index, input, ok: true, value: input };
      return { index, input, ok: false, error: outcome && !outcome.ok ? outcome.error : new MarketplaceApiError(`${input.sku} was not sent.`, { platform: 'ebay', operation }) };
    }),
  );
}
