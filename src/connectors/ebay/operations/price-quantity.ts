import { lazySchema } from '../../../core/lazy-schema.js';
import { z } from 'zod';
import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import { QuantitySchema, SkuSchema } from '../../../model/scalars.js';
import { MoneySchema, type Money } from '../../../model/money.js';
import { chunksOf, eachConcurrently } from '../batches.js';
import { mergeLocationQuantities } from '../mapper/inventory.js';
import { toEbayAmount } from '../mapper/money.js';
import { EBAY_BULK_MAX } from '../requests/inventory.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayPriceQuantity } from '../types.js';
import {
  currentAvailability,
  sendChunk,
  setDraftPrice,
  type ChangeOutcome,
  type PreparedChange,
} from './bulk-calls.js';
import { resolveOffers, type ResolvedOffer } from './offer-lookup.js';

/**
 * A price and/or stock change of one SKU through `bulkUpdatePriceQuantity`: the offer's price,
 * the ship-to-home total (`quantity`), or quantities per merchant location (`locations`; the
 * other locations keep theirs and the total becomes the sum).
 *
 * @category Operations
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
 *
 * @category Operations
 */
export const EbayPriceQuantityUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      sku: SkuSchema.max(50, 'eBay SKUs have at most 50 characters.'),
      price: MoneySchema.optional(),
      quantity: QuantitySchema.optional(),
      locations: z.record(z.string().min(1).max(36), QuantitySchema).optional(),
    })
    .strict()
    .refine((update) => update.price !== undefined || update.quantity !== undefined || update.locations !== undefined, {
      message: 'Give a price, a quantity or location quantities.',
    })
    .refine((update) => update.quantity === undefined || update.locations === undefined, {
      message:
        'Give either the ship-to-home quantity or quantities per location: the total of a SKU with locations is their sum.',
      path: ['locations'],
    }),
);

/**
 * Checks a whole batch before anything is sent: one change per SKU, prices in the
 * marketplace's currency. Throws one {@link ValidationError} with every problem.
 *
 * @example
 * ```ts
 * checkPriceQuantityBatch(runtime, updates, 'updatePrices');
 * ```
 */
export function checkPriceQuantityBatch(
  rt: EbayRuntime,
  updates: readonly EbayPriceQuantityUpdate[],
  operation: string,
  paths: (index: number) => (string | number)[] = (index) => [index],
): void {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  updates.forEach((update, index) => {
    const first = seen.get(update.sku);
    if (first !== undefined)
      issues.push({
        path: [...paths(index), 'sku'],
        message: `Duplicate of item ${first}: eBay takes one change per SKU a call; combine them.`,
      });
    else seen.set(update.sku, index);
    if (update.price && update.price.currency !== rt.marketplace.currency) {
      issues.push({
        path: [...paths(index), 'price', 'currency'],
        message: `${rt.marketplace.id} lists in ${rt.marketplace.currency}; got ${update.price.currency}.`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError(`input of ${operation}()`, issues, { platform: 'ebay', operation });
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
  const outcomes = new Map<number, ChangeOutcome>();
  const fail = (index: number, error: MarketbridgeError) => outcomes.set(index, { index, ok: false, error });
  const record = (outcome: ChangeOutcome) => {
    const previous = outcomes.get(outcome.index);
    // An item with a bulk part and a draft part succeeds when both do.
    if (!previous || previous.ok) outcomes.set(outcome.index, outcome);
  };

  const located = updates.filter((update) => update.locations !== undefined).map((update) => update.sku);
  const current =
    located.length > 0
      ? await currentAvailability(rt, located, signal)
      : new Map<string, EbayInventoryItem | MarketbridgeError>();

  const prepare = (
    update: EbayPriceQuantityUpdate,
    index: number,
    refs: Map<string, ResolvedOffer | MarketbridgeError>,
  ): PreparedChange | undefined => {
    const entry: EbayPriceQuantity = { sku: update.sku };
    if (update.quantity !== undefined) entry.shipToLocationAvailability = { quantity: update.quantity };
    if (update.locations) {
      const item = current.get(update.sku);
      if (isMarketbridgeError(item)) return void fail(index, item);
      entry.shipToLocationAvailability = mergeLocationQuantities(
        item?.availability?.shipToLocationAvailability,
        update.locations,
      );
    }
    const prepared: PreparedChange = { index, sku: update.sku, remembered: false };
    if (update.price) {
      const ref = refs.get(update.sku);
      if (!ref || isMarketbridgeError(ref))
        return void fail(
          index,
          ref ?? new MarketplaceApiError(`No offer for ${update.sku}.`, { platform: 'ebay', operation }),
        );
      prepared.remembered = ref.remembered;
      prepared.live = ref.status === 'PUBLISHED';
      if (prepared.live) entry.offers = [{ offerId: ref.offerId, price: toEbayAmount(update.price) }];
      else prepared.draft = { offerId: ref.offerId, price: update.price };
    }
    if (entry.shipToLocationAvailability || entry.offers) prepared.entry = entry;
    return prepared;
  };

  const run = async (items: readonly PreparedChange[]) => {
    const bulk = items.filter((item) => item.entry);
    await eachConcurrently(chunksOf(bulk, EBAY_BULK_MAX), rt.config.concurrency, async (chunk) => {
      for (const outcome of await sendChunk(rt, chunk, operation, signal)) record(outcome);
      options.onProgress?.(outcomes.size, [...outcomes.values()].filter((outcome) => !outcome.ok).length);
    });
    await eachConcurrently(
      items.filter((item) => item.draft),
      rt.config.concurrency,
      async (item) => record(await setDraftPrice(rt, item, operation, signal)),
    );
  };

  const priced = updates.filter((update) => update.price !== undefined).map((update) => update.sku);
  const refs = await resolveOffers(rt, priced, signal);
  const prepared = updates
    .map((update, index) => prepare(update, index, refs))
    .filter((item): item is PreparedChange => item !== undefined);
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
    const fresh = await resolveOffers(
      rt,
      stale.map((item) => item.sku),
      signal,
    );
    await run(
      stale
        .map((item) => prepare(updates[item.index]!, item.index, fresh))
        .filter((item): item is PreparedChange => item !== undefined),
    );
  }

  return toBatchResult(
    updates.map((input, index): ItemOutcome<EbayPriceQuantityUpdate, EbayPriceQuantityUpdate> => {
      const outcome = outcomes.get(index);
      if (outcome?.ok) return { index, input, ok: true, value: input };
      return {
        index,
        input,
        ok: false,
        error:
          outcome && !outcome.ok
            ? outcome.error
            : new MarketplaceApiError(`${input.sku} was not sent.`, { platform: 'ebay', operation }),
      };
    }),
  );
}
