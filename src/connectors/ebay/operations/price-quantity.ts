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
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayPriceQuantity, EbayPriceQuantityResponse } from '../types.js';
import { resolveOffers } from './offer-lookup.js';

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
  entry: EbayPriceQuantity;
  /** The offer id came from the index (it may be stale). */
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

function itemOutcome(item: Prepared, responses: readonly EbayPriceQuantityResponse[], operation: string): Outcome {
  const mine = responses.filter((response) => response.sku === item.sku || (response.offerId !== undefined && response.offerId === item.entry.offers?.[0]?.offerId));
  if (mine.length === 0) {
    return { index: item.index, ok: false, error: new MarketplaceApiError(`eBay returned no status for ${item.sku}; read it back before sending it again.`, { platform: 'ebay', operation, retryable: true }) };
  }
  const failed = mine.find((response) => response.statusCode !== 200);
  if (!failed) return { index: item.index, ok: true };
  const error = ebayItemError(failed.statusCode, failed.errors ?? [], operation, item.sku);
  return { index: item.index, ok: false, error, stale: item.remembered && failed.offerId !== undefined && error.code === 'not_found' };
}

async function sendChunk(rt: EbayRuntime, chunk: readonly Prepared[], operation: string, signal?: AbortSignal): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const admitted: { item: Prepared; reservedAt: number }[] = [];
  for (const item of chunk) {
    const reserved = await rt.revisions.reserve(item.sku, operation);
    if (reserved instanceof SafetyViolationError) outcomes.push({ index: item.index, ok: false, error: reserved });
    else admitted.push({ item, reservedAt: reserved });
  }
  if (admitted.length === 0) return outcomes;
  let responses: EbayPriceQuantityResponse[];
  try {
    const body = await rt.client.send<{ responses?: EbayPriceQuantityResponse[] }>(bulkUpdatePriceQuantityRequest(admitted.map(({ item }) => item.entry)), signal);
    responses = body?.responses ?? [];
  } catch (error) {
    if (!isMarketbridgeError(error)) throw error;
    // A call that certainly did not revise anything gives its reservations back.
    if (!isUnknownOutcome(error)) for (const { item, reservedAt } of admitted) await rt.revisions.release(item.sku, reservedAt);
    return [...outcomes, ...admitted.map(({ item }) => ({ index: item.index, ok: false as const, error }))];
  }
  for (const { item, reservedAt } of admitted) {
    const outcome = itemOutcome(item, responses, operation);
    if (!outcome.ok && !outcome.error.retryable) await rt.revisions.release(item.sku, reservedAt);
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Price and stock changes of many SKUs in `bulkUpdatePriceQuantity` calls of at most 25 SKUs,
 * `concurrency` calls at a time, each paced by the Inventory API's call limit. Prices need the
 * SKU's offer id: known ones come from the offer index, the others are looked up (one getOffers
 * call each). Location quantities are merged with the current ones (one bulkGetInventoryItem
 * call per 25 SKUs). Before a SKU is sent, one revision of its listing is reserved; a SKU whose
 * listing used up its daily revisions fails with a `SafetyViolationError` and is not sent.
 *
 * Per item: no offer (`NotFoundError`), eBay's per-SKU status (errors typed by `errorId`), the
 * revision limit, or the failure of its call (all SKUs of that call). An offer id that eBay no
 * longer knows is forgotten, looked up again and sent once more.
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

  const offerRefs = await resolveOffers(rt, updates.filter((update) => update.price !== undefined).map((update) => update.sku), signal);
  const located = updates.filter((update) => update.locations !== undefined).map((update) => update.sku);
  const current = located.length > 0 ? await currentAvailability(rt, located, signal) : new Map<string, EbayInventoryItem | MarketbridgeError>();

  const prepare = (update: EbayPriceQuantityUpdate, index: number): Prepared | undefined => {
    const entry: EbayPriceQuantity = { sku: update.sku };
    if (update.quantity !== undefined) entry.shipToLocationAvailability = { quantity: update.quantity };
    if (update.locations) {
      const item = current.get(update.sku);
      if (isMarketbridgeError(item)) return void fail(index, item);
      entry.shipToLocationAvailability = mergeLocationQuantities(item?.availability?.shipToLocationAvailability, update.locations);
    }
    if (update.price) {
      const ref = offerRefs.get(update.sku);
      if (!ref || isMarketbridgeError(ref)) return void fail(index, ref ?? new MarketplaceApiError(`No offer for ${update.sku}.`, { platform: 'ebay', operation }));
      entry.offers = [{ offerId: ref.offerId, price: toEbayAmount(update.price) }];
    }
    const ref = offerRefs.get(update.sku);
    return { index, sku: update.sku, entry, remembered: ref !== undefined && !isMarketbridgeError(ref) && ref.remembered };
  };

  const run = async (items: readonly Prepared[]) => {
    const chunks = chunksOf(items, EBAY_BULK_MAX);
    await eachConcurrently(chunks, rt.config.concurrency, async (chunk) => {
      for (const outcome of await sendChunk(rt, chunk, operation, signal)) outcomes.set(outcome.index, outcome);
      const failed = [...outcomes.values()].filter((outcome) => !outcome.ok).length;
      options.onProgress?.(outcomes.size, failed);
    });
  };

  const prepared = updates.map(prepare).filter((item): item is Prepared => item !== undefined);
  await run(prepared);

  // Offer ids the index remembered but eBay no longer knows: forget them, look them up, send once more.
  const stale = prepared.filter((item) => {
    const outcome = outcomes.get(item.index);
    return outcome && !outcome.ok && outcome.stale;
  });
  if (stale.length > 0) {
    for (const item of stale) await rt.offers.forget(item.sku);
    const fresh = await resolveOffers(rt, stale.map((item) => item.sku), signal);
    const again: Prepared[] = [];
    for (const item of stale) {
      const ref = fresh.get(item.sku);
      if (!ref || isMarketbridgeError(ref)) {
        if (ref) fail(item.index, ref);
        continue;
      }
      again.push({ ...item, remembered: false, entry: { ...item.entry, offers: [{ ...item.entry.offers![0]!, offerId: ref.offerId }] } });
    }
    await run(again);
  }

  return toBatchResult(
    updates.map((input, index): ItemOutcome<EbayPriceQuantityUpdate, EbayPriceQuantityUpdate> => {
      const outcome = outcomes.get(index);
      if (outcome?.ok) return { index, input, ok: true, value: input };
      return { index, input, ok: false, error: outcome && !outcome.ok ? outcome.error : new MarketplaceApiError(`${input.sku} was not sent.`, { platform: 'ebay', operation }) };
    }),
  );
}
