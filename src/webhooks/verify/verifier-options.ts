import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';

/**
 * How far a signed timestamp may be from the receiver's clock, in either direction, unless a
 * verifier is configured otherwise: 5 minutes, as Standard Webhooks and Stripe use.
 *
 * @example
 * ```ts
 * createStandardWebhooksVerifier({ secrets, toleranceSeconds: DEFAULT_TOLERANCE_SECONDS });
 * ```
 *
 * @category Verifiers
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Throws one ValidationError listing every issue, if any.
 *
 * @example
 * ```ts
 * throwIfIssues('Shopify webhook verifier options', issues);
 * ```
 */
export function throwIfIssues(what: string, issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(what, issues);
}

/**
 * Validates a tolerance in seconds: a finite integer ≥ 0 (0 means "exactly now", never "off").
 *
 * @example
 * ```ts
 * const tolerance = checkTolerance(options.toleranceSeconds, issues);
 * ```
 */
export function checkTolerance(value: unknown, issues: ValidationIssue[]): number {
  if (value === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    issues.push({ path: ['toleranceSeconds'], message: 'Expected an integer number of seconds ≥ 0.' });
    return DEFAULT_TOLERANCE_SECONDS;
  }
  return value;
}
