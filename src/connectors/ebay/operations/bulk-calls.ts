import { isMarketbridgeError, type MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { SafetyViolationError } from '../../../core/errors/safety-violation-error.js';
import { isUnknownOutcome } from '../../../http/outcome.js';
import type { Money } from '../../../model/money.js';
import { chunksOf, eachConcurrently } from '../batches.js';
import { ebayItemError } from '../errors.js';
import { toEbayAmount } from '../mapper/money.js';
import { bulkGetInventoryItemRequest, bulkUpdatePriceQuantityRequest, EBAY_BULK_MAX } from '../requests/inventory.js';
import { getOfferRequest, updateOfferRequest } from '../requests/offers.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayOffer, EbayPriceQuantity, EbayPriceQuantityResponse } from '../types.js';

/**
 * One SKU ready to send: its bulk entry and/or the price of its unpublished offer.
 */
export interface PreparedChange {
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

/**
 * What happened to one SKU; `stale` when the offer the index remembered turned out unknown or not live.
 */
export type ChangeOutcome =
  | { index: number; ok: true }
  | { index: number; ok: false; error: MarketbridgeError; stale?: boolean };

/**
 * The current inventory items of SKUs (25 a bulkGetInventoryItem call), or each SKU's error.
 *
 * @example
 * ```ts
 * const items = await currentAvailability(runtime, ['MUG-1']);
 * ```
 */
export async function currentAvailability(
  rt: EbayRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, EbayInventoryItem | MarketbridgeError>> {
  const out = new Map<string, EbayInventoryItem | MarketbridgeError>();
  await eachConcurrently(chunksOf(skus, EBAY_BULK_MAX), rt.config.concurrency, async (chunk) => {
    try {
      const body = await rt.client.send<{
        responses?: { sku?: string; statusCode?: number; inventoryItem?: EbayInventoryItem; errors?: never[] }[];
      }>(bulkGetInventoryItemRequest(chunk), signal);
      for (const response of body?.responses ?? []) {
        if (!response.sku) continue;
        out.set(
          response.sku,
          response.statusCode === 200 && response.inventoryItem
            ? response.inventoryItem
            : ebayItemError(response.statusCode, response.errors ?? [], 'bulkGetInventoryItem', response.sku),
        );
      }
    } catch (error) {
      if (!isMarketbridgeError(error)) throw error;
      for (const sku of chunk) out.set(sku, error);
    }
  });
  return out;
}

const STALE_OFFER_ERRORS = new Set([25713, 25002]);

function itemOutcome(
  item: PreparedChange,
  responses: readonly EbayPriceQuantityResponse[],
  operation: string,
): ChangeOutcome {
  const mine = responses.filter(
    (response) =>
      response.sku === item.sku ||
      (response.offerId !== undefined && response.offerId === item.entry?.offers?.[0]?.offerId),
  );
  if (mine.length === 0) {
    return {
      index: item.index,
      ok: false,
      error: new MarketplaceApiError(`eBay returned no status for ${item.sku}; read it back before sending it again.`, {
        platform: 'ebay',
        operation,
        retryable: true,
      }),
    };
  }
  const failed = mine.find((response) => response.statusCode !== 200);
  if (!failed) return { index: item.index, ok: true };
  const error = ebayItemError(failed.statusCode, failed.errors ?? [], operation, item.sku);
  // An offer the index remembered that eBay no longer knows, or no longer has live.
  const stale =
    item.remembered &&
    failed.offerId !== undefined &&
    (failed.errors ?? []).some((e) => e.errorId !== undefined && STALE_OFFER_ERRORS.has(e.errorId));
  return { index: item.index, ok: false, error, stale };
}

/**
 * Sends one bulkUpdatePriceQuantity call for up to 25 SKUs, reserving a revision of each SKU
 * that may have a live listing first (and giving it back when the SKU certainly was not
 * revised); resolves one outcome per SKU.
 *
 * @example
 * ```ts
 * const outcomes = await sendChunk(runtime, chunk, 'setInventory');
 * ```
 */
export async function sendChunk(
  rt: EbayRuntime,
  chunk: readonly PreparedChange[],
  operation: string,
  signal?: AbortSignal,
): Promise<ChangeOutcome[]> {
  const outcomes: ChangeOutcome[] = [];
  const admitted: { item: PreparedChange; reservedAt: number }[] = [];
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
    const body = await rt.client.send<{ responses?: EbayPriceQuantityResponse[] }>(
      bulkUpdatePriceQuantityRequest(admitted.map(({ item }) => item.entry!)),
      signal,
    );
    responses = body?.responses ?? [];
  } catch (error) {
    if (!isMarketbridgeError(error)) throw error;
    // A call that certainly did not revise anything gives its reservations back.
    if (!isUnknownOutcome(error))
      for (const { item, reservedAt } of admitted)
        if (reservedAt >= 0) await rt.revisions.release(item.sku, reservedAt);
    return [...outcomes, ...admitted.map(({ item }) => ({ index: item.index, ok: false as const, error }))];
  }
  for (const { item, reservedAt } of admitted) {
    const outcome = itemOutcome(item, responses, operation);
    if (!outcome.ok && !outcome.error.retryable && reservedAt >= 0) await rt.revisions.release(item.sku, reservedAt);
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * Sets the price of an unpublished offer with getOffer and updateOffer (eBay's bulk call takes
 * published offers only).
 *
 * @example
 * ```ts
 * const outcome = await setDraftPrice(runtime, item, 'updatePrices');
 * ```
 */
export async function setDraftPrice(
  rt: EbayRuntime,
  item: PreparedChange,
  operation: string,
  signal?: AbortSignal,
): Promise<ChangeOutcome> {
  const draft = item.draft!;
  try {
    const offer = await rt.client.send<EbayOffer>(getOfferRequest(draft.offerId), signal);
    if (offer?.status === 'PUBLISHED')
      return {
        index: item.index,
        ok: false,
        error: new MarketplaceApiError(`The offer of ${item.sku} was published meanwhile.`, {
          platform: 'ebay',
          operation,
        }),
        stale: true,
      };
    const body = { ...offer, pricingSummary: { ...offer?.pricingSummary, price: toEbayAmount(draft.price) } };
    await rt.client.send(updateOfferRequest(draft.offerId, body, rt.contentLanguage), signal);
    return { index: item.index, ok: true };
  } catch (error) {
    if (!isMarketbridgeError(error)) throw error;
    return { index: item.index, ok: false, error, stale: item.remembered && error.code === 'not_found' };
  }
}
