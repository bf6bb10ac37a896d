import { ConflictError } from '../../core/errors/conflict-error.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../core/errors/not-found-error.js';

/**
 * One entry of eBay's error envelope (`{ errors: [...] }`), as every REST API returns it, and
 * as `bulkUpdatePriceQuantity` returns it per item.
 *
 * @category Marketplace
 */
export interface EbayErrorDetail {
  errorId?: number;
  domain?: string;
  subdomain?: string;
  category?: string;
  message?: string;
  longMessage?: string;
  inputRefIds?: string[];
  outputRefIds?: string[];
  parameters?: { name?: string; value?: string }[];
}

/**
 * eBay's error ids that mean "no such thing": a SKU, offer, order or resource that does not exist.
 *
 * @example
 * ```ts
 * EBAY_NOT_FOUND_ERRORS.has(25710); // true
 * ```
 *
 * @category Marketplace
 */
export const EBAY_NOT_FOUND_ERRORS: ReadonlySet<number> = new Set([25702, 25710, 25713, 32100, 35100]);

/**
 * eBay's error id for a throttled call ("Too many requests": the resource's call limit is spent).
 *
 * @example
 * ```ts
 * if (errors.some((e) => e.errorId === EBAY_TOO_MANY_REQUESTS)) wait();
 * ```
 *
 * @category Marketplace
 */
export const EBAY_TOO_MANY_REQUESTS = 2001;

/**
 * The `errors` of an eBay answer body, or an empty list when it has none.
 *
 * @example
 * ```ts
 * ebayErrorsOf({ errors: [{ errorId: 1001 }] }); // [{ errorId: 1001 }]
 * ```
 */
export function ebayErrorsOf(body: unknown): EbayErrorDetail[] {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  return Array.isArray(errors) ? errors.filter((e): e is EbayErrorDetail => typeof e === 'object' && e !== null) : [];
}

/**
 * eBay's errors as one readable sentence: id, message, long message and parameters.
 *
 * @example
 * ```ts
 * describeEbayErrors([{ errorId: 25709, message: 'Invalid value for sku.', parameters: [{ name: 'fieldName', value: 'sku' }] }]);
 * // '25709 Invalid value for sku. (fieldName=sku)'
 * ```
 *
 * @category Marketplace
 */
export function describeEbayErrors(errors: readonly EbayErrorDetail[]): string {
  return errors
    .map((error) => {
      const text = [
        error.message,
        error.longMessage && error.longMessage !== error.message ? error.longMessage : undefined,
      ]
        .filter(Boolean)
        .join(' ');
      const parameters = (error.parameters ?? []).filter((p) => p?.name).map((p) => `${p.name}=${p.value ?? ''}`);
      return [error.errorId, text, parameters.length ? `(${parameters.join(', ')})` : undefined]
        .filter((part) => part !== undefined && part !== '')
        .join(' ');
    })
    .join('; ');
}

/**
 * The typed error for eBay errors attached to one item (a `bulkUpdatePriceQuantity` response
 * entry) or to a whole answer: missing things are {@link NotFoundError}s, duplicates
 * {@link ConflictError}s, eBay's system errors retryable {@link MarketplaceApiError}s, the rest
 * {@link MarketplaceApiError}s that need the input changed. The eBay errors stay on `body`.
 *
 * @example
 * ```ts
 * const error = ebayItemError(400, [{ errorId: 25709, message: 'Invalid value for price.' }], 'updatePrices', 'MUG-1');
 * ```
 */
export function ebayItemError(
  status: number | undefined,
  errors: readonly EbayErrorDetail[],
  operation: string,
  subject?: string,
  cause?: unknown,
): MarketbridgeError {
  const what = `eBay ${operation}${subject ? ` (${subject})` : ''}`;
  const detail = describeEbayErrors(errors) || (status ? `HTTP ${status}` : 'no status');
  const options = {
    platform: 'ebay',
    operation,
    ...(status === undefined ? {} : { status }),
    ...(cause === undefined ? {} : { cause }),
  };
  const ids = errors.map((error) => error.errorId);
  if (status === 404 || ids.some((id) => id !== undefined && EBAY_NOT_FOUND_ERRORS.has(id)))
    return new NotFoundError(`${what}: ${detail}.`, options);
  if (status === 409) return new ConflictError(`${what}: ${detail}.`, options);
  const system =
    (status !== undefined && status >= 500) ||
    errors.some((error) => error.category === 'APPLICATION' && error.errorId === 25001);
  return new MarketplaceApiError(`${what} failed: ${detail}.`, { ...options, body: { errors }, retryable: system });
}

/**
 * Rewrites an error thrown by the request pipeline so that its message carries eBay's own
 * error ids and messages (`errors[].errorId`, `longMessage`, `parameters`) and its class says
 * what happened. Errors without an eBay body, and rate-limit and auth errors, are returned as
 * they are.
 *
 * @example
 * ```ts
 * try { await http.request(request); } catch (error) { throw fromEbayError(error, 'getOffer'); }
 * ```
 */
export function fromEbayError(error: unknown, operation: string): unknown {
  if (!isMarketbridgeError(error)) return error;
  if (
    error.code === 'rate_limited' ||
    error.code === 'auth_failed' ||
    error.code === 'circuit_open' ||
    error.code === 'timeout'
  )
    return error;
  const body = (error as { body?: unknown }).body;
  const errors = ebayErrorsOf(body);
  if (errors.length === 0) return error;
  const typed = ebayItemError(error.status, errors, operation, undefined, error);
  // The pipeline's retry verdict (a 5xx after the last retry) stands.
  if (error.retryable && typed instanceof MarketplaceApiError && !typed.retryable)
    return new MarketplaceApiError(typed.message, {
      platform: 'ebay',
      operation,
      ...(error.status === undefined ? {} : { status: error.status }),
      body,
      retryable: true,
      cause: error,
    });
  return typed;
}
