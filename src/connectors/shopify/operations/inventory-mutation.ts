import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import {
  INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
  INVENTORY_ADJUST_MUTATION,
  INVENTORY_SET_IDEMPOTENT_MUTATION,
  INVENTORY_SET_MUTATION,
} from '../documents.js';
import { idempotencyUserError, SHOPIFY_FRESH_KEY_LIMIT, SHOPIFY_PREVIOUS_ATTEMPT_FAILED } from '../idempotency.js';
import type { ShopifyRuntime } from '../runtime.js';
import type { ShopifyUserError } from '../types.js';

/**
 * What `inventorySetQuantities` and `inventoryAdjustQuantities` answer.
 */
export interface InventoryMutationPayload {
  inventoryAdjustmentGroup: unknown;
  userErrors: ShopifyUserError[];
}

/**
 * One inventory mutation call.
 */
export interface InventoryMutationCall {
  field: 'inventorySetQuantities' | 'inventoryAdjustQuantities';
  operation: 'setInventory' | 'adjustInventory';
  input: Record<string, unknown>;
  /**
   * The `@idempotent` key of each generation (0 first, then one per
   * `IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED` answer); without it the document has no directive
   * (API versions before 2026-01).
   */
  keyFor?: (generation: number) => Promise<string>;
  /** Whether the pipeline may send the same request again after a timeout or 5xx. */
  retrySafe: boolean;
  signal?: AbortSignal;
}

const DOCUMENTS = {
  inventorySetQuantities: { plain: INVENTORY_SET_MUTATION, keyed: INVENTORY_SET_IDEMPOTENT_MUTATION },
  inventoryAdjustQuantities: { plain: INVENTORY_ADJUST_MUTATION, keyed: INVENTORY_ADJUST_IDEMPOTENT_MUTATION },
} as const;

/**
 * Sends one inventory mutation. With a key, Shopify's idempotency answers are handled here: a
 * key reused for other variables and a duplicate still in flight become typed errors, and a key
 * whose earlier attempt failed on Shopify's side (`IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED`, nothing
 * applied) is replaced by the next generation's key and the call sent again, up to
 * `SHOPIFY_FRESH_KEY_LIMIT` times. Resolves the payload and the key it was accepted under.
 *
 * @example
 * ```ts
 * const { payload, key } = await sendInventoryMutation(runtime, { field: 'inventorySetQuantities', operation: 'setInventory', input, keyFor, retrySafe: true });
 * ```
 */
export async function sendInventoryMutation(
  runtime: ShopifyRuntime,
  call: InventoryMutationCall,
): Promise<{ payload: InventoryMutationPayload; key: string }> {
  const options = {
    operation: call.operation,
    idempotent: call.retrySafe,
    ...(call.signal ? { signal: call.signal } : {}),
  };
  const documents = DOCUMENTS[call.field];
  if (!call.keyFor) {
    const { data } = await runtime.client.request<Record<string, InventoryMutationPayload>>(
      documents.plain,
      { input: call.input },
      options,
    );
    return { payload: data[call.field]!, key: '' };
  }
  for (let generation = 0; ; generation++) {
    const key = await call.keyFor(generation);
    const { data } = await runtime.client.request<Record<string, InventoryMutationPayload>>(
      documents.keyed,
      { input: call.input, idempotencyKey: key },
      options,
    );
    const payload = data[call.field]!;
    if (payload.userErrors.some((error) => error.code === SHOPIFY_PREVIOUS_ATTEMPT_FAILED)) {
      if (generation >= SHOPIFY_FRESH_KEY_LIMIT) {
        throw new MarketplaceApiError(
          `Shopify answered ${SHOPIFY_PREVIOUS_ATTEMPT_FAILED} for ${generation + 1} idempotency keys in a row; nothing was written. Send the items again later.`,
          { platform: 'shopify', operation: call.operation, retryable: true, body: payload.userErrors },
        );
      }
      runtime.context.logger.warn(
        `Shopify ${call.field}: the attempt under idempotency key ${key} failed on Shopify's side; sending again under a fresh key.`,
        { operation: call.operation },
      );
      continue;
    }
    for (const error of payload.userErrors) {
      const typed = idempotencyUserError(error, call.operation, key);
      if (typed) throw typed;
    }
    return { payload, key };
  }
}
