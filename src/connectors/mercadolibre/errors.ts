import { AuthError } from '../../core/errors/auth-error.js';
import { ConflictError } from '../../core/errors/conflict-error.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import type { Redactor } from '../../core/errors/redact.js';
import type { ValidationIssue } from '../../core/errors/validation-error.js';
import type { ResponseClassifier } from '../../http/classify.js';
import {
  MERCADOLIBRE_LIMITS,
  mercadolibreResourceOf,
  type MercadoLibreLimit,
  type MercadoLibreResource,
} from './limits.js';
import type { MercadoLibreErrorBody, MercadoLibreErrorCause } from './types/index.js';

/**
 * Whether a body is MercadoLibre's error envelope (`message`, `error`, `status`, `cause`).
 *
 * @example
 * ```ts
 * isMercadoLibreErrorBody({ message: 'Item not found', error: 'not_found', status: 404, cause: [] }); // true
 * ```
 */
export function isMercadoLibreErrorBody(body: unknown): body is MercadoLibreErrorBody {
  const record = body as Partial<MercadoLibreErrorBody> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.error === 'string' &&
    (typeof record.message === 'string' || typeof record.status === 'number')
  );
}

/**
 * Classifies MercadoLibre answers for the request pipeline: a 429 is throttling (the
 * resource's bucket is emptied and the retry waits for `Retry-After`, or one token's time
 * when MercadoLibre sends none); a 403 is final (missing scopes, a blocked application or
 * seller: refreshing the token would not help and would spend a rotating refresh token); a
 * 4xx envelope with causes is invalid input with one issue per cause; everything else
 * follows the status.
 *
 * @example
 * ```ts
 * const classify = mercadolibreClassifier({ 'items-write': { ratePerSecond: 10, burst: 20 } });
 * ```
 */
export function mercadolibreClassifier(
  limits: Partial<Record<MercadoLibreResource, MercadoLibreLimit>> = {},
): ResponseClassifier {
  return (input) => {
    const body = isMercadoLibreErrorBody(input.body) ? input.body : undefined;
    const message = body ? `${body.error}: ${body.message ?? ''}`.trim() : undefined;
    if (input.status === 429) {
      const resource = mercadolibreResourceOf(input.operation);
      const rate = (limits[resource] ?? MERCADOLIBRE_LIMITS[resource]).ratePerSecond;
      const retryAfter = input.headers.get('retry-after');
      return {
        kind: 'throttled',
        message: message ?? 'HTTP 429',
        feedback: { available: 0 },
        ...(retryAfter === null ? { retryAfterMs: Math.ceil(1000 / rate) } : {}),
      };
    }
    if (input.status === 403) return { kind: 'error', message: message ?? 'HTTP 403' };
    if (!body || input.status < 400) return undefined;
    if (input.status === 401) return { kind: 'auth', message: message! };
    if (input.status === 404) return { kind: 'not_found', message: message! };
    if (input.status === 409 || input.status >= 500)
      return { kind: input.status >= 500 ? 'transient' : 'invalid', message: message! };
    // Causes are read here, before the error body is redacted (it would hide their `code`).
    return { kind: 'invalid', message: message!, issues: causeIssues(body) };
  };
}

function issuePath(cause: MercadoLibreErrorCause): (string | number)[] {
  const reference = cause.references?.[0];
  if (!reference) return [cause.code ?? 'cause'];
  return reference.split('.').flatMap((part) =>
    part
      .split(/\[(\d+)\]/)
      .filter(Boolean)
      .map((piece) => (/^\d+$/.test(piece) ? Number(piece) : piece)),
  );
}

/**
 * The per-field issues of a MercadoLibre error: one per cause of type `error` (warnings are
 * left out), with the path of its first reference (`item.price` → `['item', 'price']`).
 *
 * @example
 * ```ts
 * causeIssues({ message: 'Validation error', error: 'validation_error', status: 400, cause: [{ code: 'item.price.invalid', message: 'Invalid price', references: ['item.price'] }] });
 * // [{ path: ['item', 'price'], message: 'Invalid price', code: 'item.price.invalid' }]
 * ```
 */
export function causeIssues(body: MercadoLibreErrorBody): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const cause of Array.isArray(body.cause) ? body.cause : []) {
    if (typeof cause === 'string') issues.push({ path: ['cause'], message: cause });
    else if (cause && typeof cause === 'object' && cause.type !== 'warning') {
      const issue: ValidationIssue = { path: issuePath(cause), message: cause.message ?? cause.code ?? body.message };
      if (cause.code) issue.code = cause.code;
      issues.push(issue);
    }
  }
  if (issues.length === 0) issues.push({ path: [], message: body.message ?? body.error, code: body.error });
  return issues;
}

/**
 * Turns a pipeline error into the most precise typed error MercadoLibre's envelope allows (a
 * 400 with causes is already a `ValidationError` with one issue per field, from
 * {@link mercadolibreClassifier}): a 409 becomes a {@link ConflictError} (a stale stock
 * version), a 403 an {@link AuthError} that names scopes and account status. Both keep the
 * redacted request of the original and it as their cause.
 *
 * @example
 * ```ts
 * try { await http.request(request); } catch (error) { throw mercadolibreError(error, 'updateItem'); }
 * ```
 */
export function mercadolibreError(error: unknown, operation: string): unknown {
  if (!isMarketbridgeError(error) || !(error instanceof MarketplaceApiError)) return error;
  const body = isMercadoLibreErrorBody(error.body) ? error.body : undefined;
  // The original's redactor knows this connection's secrets; the request is already redacted.
  const redactor = (error as unknown as { redactor?: Redactor }).redactor;
  const options = {
    platform: 'mercadolibre',
    operation,
    cause: error,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.request ? { request: error.request } : {}),
    ...(redactor ? { redactor } : {}),
  };
  if (error.status === 409) {
    return new ConflictError(
      `MercadoLibre refused ${operation}: ${body?.message ?? 'conflict'}. Read the resource again (a newer version exists) and decide again.`,
      options,
    );
  }
  if (error.status === 403) {
    return new AuthError(
      `MercadoLibre refused ${operation} (403 ${body?.error ?? 'forbidden'}): check the application's scopes, that it is not blocked, and that the seller's account is active.`,
      options,
    );
  }
  return error as MarketbridgeError;
}
