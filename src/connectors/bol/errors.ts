import { isMarketbridgeError, type MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { bolProblemOf } from './classifier.js';

/**
 * A violation's `name` as a path: `pricing.bundlePrices[0].unitPrice` becomes
 * `['pricing', 'bundlePrices', 0, 'unitPrice']`.
 *
 * @example
 * ```ts
 * violationPath('orderItems[0].orderItemId'); // ['orderItems', 0, 'orderItemId']
 * ```
 */
export function violationPath(name: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of name.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      path.push(part);
      continue;
    }
    if (match[1]) path.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/**
 * The typed error for a bol.com failure: a 400 problem with `violations` becomes a
 * {@link ValidationError} with one issue per violation (its path from the violation's name),
 * keeping the original error as `cause`; anything else is returned as it is.
 *
 * @example
 * ```ts
 * try { await client.send(request); } catch (error) { throw toBolError(error, 'updateOfferStock'); }
 * ```
 */
export function toBolError(error: unknown, operation: string): unknown {
  if (
    !isMarketbridgeError(error) ||
    !(error instanceof MarketplaceApiError) ||
    error.status === undefined ||
    error.status >= 500
  )
    return error;
  const problem = bolProblemOf(error.body);
  const violations = problem?.violations ?? [];
  if (error.status !== 400 && error.status !== 422) return error;
  const issues: ValidationIssue[] = violations.map((violation) => ({
    path: violationPath(violation.name),
    message: violation.reason || 'Rejected by bol.com.',
  }));
  if (issues.length === 0) issues.push({ path: [], message: problem?.detail ?? problem?.title ?? error.message });
  return new ValidationError(`bol.com ${operation} request`, issues, {
    platform: 'bol',
    operation,
    status: error.status,
    cause: error,
  });
}

/**
 * Any thrown value as a `MarketbridgeError` (an untyped one becomes a retryable
 * `MarketplaceApiError` whose outcome is unknown).
 *
 * @example
 * ```ts
 * outcomes.push({ index, input, ok: false, error: asMarketbridgeError(error, 'updateOfferStock') });
 * ```
 */
export function asMarketbridgeError(error: unknown, operation: string): MarketbridgeError {
  if (isMarketbridgeError(error)) return error;
  return new MarketplaceApiError(
    `bol.com ${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
    { platform: 'bol', operation, retryable: true, cause: error },
  );
}
