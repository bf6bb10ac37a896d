import { MarketbridgeError, type MarketbridgeErrorOptions } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import type { ShopifyUserError } from './types.js';
import { toHex } from '../../core/bytes.js';

// Facts relied on (shopify.dev, "Implementing idempotency" and the changelog "Adding idempotency
// for inventory adjustments and refund mutations"; the 2026-01 user-error enums of
// inventorySetQuantities/inventoryAdjustQuantities):
// - a duplicate request is one with the same key AND the same mutation variables; Shopify answers
//   it with the result of the original operation instead of executing again;
// - the same key with different variables is refused with the user error code
//   IDEMPOTENCY_KEY_PARAMETER_MISMATCH ("The same idempotency key cannot be used with different
//   operation parameters.");
// - a duplicate that arrives while the original still runs gets IDEMPOTENCY_CONCURRENT_REQUEST
//   ("This request is currently in progress, please try again.");
// - keys are remembered for a limited window (24 hours), after which a replay executes anew;
// - 2026-10 (InventorySetQuantitiesUserErrorCode): a request whose key belongs to an attempt that
//   failed inside Shopify gets IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED ("A previous request with this
//   idempotency key failed. Retry with a new idempotency key."); nothing was applied under it.

/**
 * Shopify refused an `@idempotent` mutation because its key was already used for a write with
 * different variables. Not retryable: the caller reused an `idempotencyKey` for a different
 * write (a different quantity, compare value or set of items); give that write a new key.
 *
 * @example
 * ```ts
 * const result = await shopify.setInventory(items);
 * for (const item of result.items) {
 *   if (!item.ok && item.error instanceof ShopifyIdempotencyKeyReusedError) console.error(item.error.message);
 * }
 * ```
 *
 * @category Operations
 */
export class ShopifyIdempotencyKeyReusedError extends MarketbridgeError {
  override name = 'ShopifyIdempotencyKeyReusedError' as const;
  /** The `@idempotent` key Shopify refused. */
  readonly idempotencyKey: string;

  /**
   * @param idempotencyKey - the key sent with the refused call
   * @param options - structured context
   */
  constructor(idempotencyKey: string, options: MarketbridgeErrorOptions = {}) {
    super(
      'conflict',
      `The idempotency key ${idempotencyKey} was reused for a different write (Shopify: IDEMPOTENCY_KEY_PARAMETER_MISMATCH); nothing was written. Send a different write under new idempotencyKey values.`,
      { ...options, retryable: false },
    );
    this.idempotencyKey = idempotencyKey;
  }
}

/**
 * The typed error for Shopify's idempotency user errors (a key reused with different variables,
 * or a duplicate that arrived while the original still runs), or undefined for any other error.
 *
 * @example
 * ```ts
 * const typed = idempotencyUserError(userError, 'setInventory', key);
 * if (typed) throw typed;
 * ```
 */
export function idempotencyUserError(
  error: ShopifyUserError,
  operation: string,
  idempotencyKey: string,
): MarketbridgeError | undefined {
  const options = { platform: 'shopify', operation };
  if (error.code === 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH')
    return new ShopifyIdempotencyKeyReusedError(idempotencyKey, options);
  if (error.code === 'IDEMPOTENCY_CONCURRENT_REQUEST') {
    return new MarketplaceApiError(
      `Shopify is still running the first request with idempotency key ${idempotencyKey}; send the same request again shortly.`,
      { ...options, retryable: true, body: error },
    );
  }
  return undefined;
}

/**
 * The user error code Shopify answers when the key's earlier attempt failed on its side: the
 * write was not applied, and the same key will never apply it. Send again under a fresh key.
 *
 * @example
 * ```ts
 * if (userErrors.some((error) => error.code === SHOPIFY_PREVIOUS_ATTEMPT_FAILED)) key = await nextKey();
 * ```
 *
 * @category Operations
 */
export const SHOPIFY_PREVIOUS_ATTEMPT_FAILED = 'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED';

/**
 * Fresh keys one call may take after `IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED` answers before its
 * items fail with a retryable error (each fresh key is a new attempt on Shopify's side).
 *
 * @example
 * ```ts
 * for (let generation = 0; generation <= SHOPIFY_FRESH_KEY_LIMIT; generation++) {}
 * ```
 *
 * @category Operations
 */
export const SHOPIFY_FRESH_KEY_LIMIT = 3;

/**
 * One item of a keyed `inventorySetQuantities` call: the caller's `idempotencyKey` and, when the
 * caller gave no expected value, the compare value the connector read (which the variables carry).
 */
export interface SetKeyPart {
  /** The item's `idempotencyKey`; one missing makes the whole call's key random. */
  idempotencyKey: string | undefined;
  /** The compare value the connector read for the item, or null when the caller gave one. */
  readCompare: number | null;
}

/**
 * The `@idempotent` key of one `inventorySetQuantities` call. When every item carries an
 * `idempotencyKey`, the key is derived from those keys in order (with the location, the round
 * of re-sends inside one call, and any compare value the connector read rather than the caller
 * gave), so re-sending the same chunk later is a duplicate Shopify recognises: a UUID made
 * from a SHA-256 of those values. Otherwise it is random.
 *
 * `generation` counts the fresh keys taken after `IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED`: each
 * generation is another derived key, so a later replay of the same chunk walks the same keys
 * and meets the attempt that went through (Shopify answers it with that attempt's result).
 *
 * @example
 * ```ts
 * const key = await setCallKey('gid://shopify/Location/1', 0, [{ idempotencyKey: 'k-1', readCompare: null }]);
 * ```
 */
export async function setCallKey(
  locationId: string,
  round: number,
  parts: readonly SetKeyPart[],
  generation = 0,
): Promise<string> {
  if (parts.length === 0 || parts.some((part) => !part.idempotencyKey)) return globalThis.crypto.randomUUID();
  // A compare value the connector read differs between attempts, and Shopify would refuse the
  // same key with different variables; it is part of the key, so such items are deduplicated
  // only when nothing changed in between (the caller's expected values make replays exact).
  const material: unknown[] = [
    'mb:inventorySetQuantities:1',
    locationId,
    round,
    parts.map((part) => [part.idempotencyKey, part.readCompare]),
  ];
  // Generation 0 keeps the material of keys derived before generations existed.
  return derivedKey(generation > 0 ? [...material, generation] : material);
}

/**
 * A deterministic `@idempotent` key for a call named by `material` (any JSON): a SHA-256 digest
 * of its JSON encoding, cut to 128 bits and formatted as a UUID (version 8), the form Shopify
 * recommends for keys. Equal material, equal key.
 *
 * @example
 * ```ts
 * const key = await derivedKey(['mb:inventoryAdjustQuantities:1', locationId, [['k-1', 'SKU-1', -2]]]);
 * ```
 */
export async function derivedKey(material: unknown): Promise<string> {
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(material))),
  );
  const bytes = digest.slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
