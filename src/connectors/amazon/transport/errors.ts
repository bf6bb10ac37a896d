import { AuthError } from '../../../core/errors/auth-error.js';
import type { MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { RateLimitError } from '../../../core/errors/rate-limit-error.js';
import type { Redactor, RequestSnapshot } from '../../../core/errors/redact.js';

/**
 * The error body every SP-API operation answers with on failure.
 *
 * @example
 * ```ts
 * const body: SpApiErrorBody = { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] };
 * ```
 */
export interface SpApiErrorBody {
  errors?: { code: string; message: string; details?: string }[];
}

/**
 * Whether a response is SP-API throttling: 429, or any status whose body says `QuotaExceeded`.
 *
 * @example
 * ```ts
 * isQuotaExceeded(429, body); // true
 * ```
 */
export function isQuotaExceeded(status: number, body: unknown): boolean {
  if (status === 429) return true;
  const errors = (body as SpApiErrorBody | undefined)?.errors;
  return Array.isArray(errors) && errors.some((error) => error?.code === 'QuotaExceeded');
}

/** Maps a failed SP-API response to the typed error the connector throws. */
export function toAmazonError(options: { status: number; body: unknown; operation: string; request: RequestSnapshot; redactor: Redactor; retryAfterMs?: number }): MarketbridgeError {
  const { status, body, operation } = options;
  const first = (body as SpApiErrorBody | undefined)?.errors?.[0];
  const detail = first ? `${first.code}: ${first.message}` : `HTTP ${status}`;
  const common = { platform: 'amazon', operation, status, request: options.request, redactor: options.redactor };
  if (isQuotaExceeded(status, body)) {
    return new RateLimitError(`SP-API throttled ${operation} (${detail}).`, { ...common, ...(options.retryAfterMs !== undefined ? { retryAfterMs: options.retryAfterMs } : {}) });
  }
  if (status === 404) return new NotFoundError(`SP-API ${operation}: not found (${detail}).`, common);
  if (status === 401 || status === 403) {
    return new AuthError(`SP-API refused ${operation} (${detail}). Check the app's roles, the seller authorisation and, for buyer data, the Restricted Data Token.`, common);
  }
  return new MarketplaceApiError(`SP-API ${operation} failed (${detail}).`, { ...common, body });
}
