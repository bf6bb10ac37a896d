import { defaultClassify, type ResponseClassifier } from '../../http/classify.js';
import { describeEbayErrors, ebayErrorsOf, EBAY_TOO_MANY_REQUESTS } from './errors.js';

/**
 * eBay's error ids that mean the access token is not (or no longer) valid.
 *
 * @example
 * ```ts
 * EBAY_INVALID_TOKEN_ERRORS.has(1001); // true
 * ```
 *
 * @category Rate limits
 */
export const EBAY_INVALID_TOKEN_ERRORS: ReadonlySet<number> = new Set([1001, 1002, 1003, 1004]);

/**
 * Classifies eBay REST answers: a 429 or `errors[].errorId` 2001 ("Too many requests") is
 * throttling, the invalid-token ids are auth failures (refreshed once), and the verdict carries
 * eBay's own error text. Everything else keeps the status-based verdict (5xx transient, 404 not
 * found, other 4xx invalid; a 207 multi-status answer is a success whose items carry their own
 * statuses).
 *
 * @example
 * ```ts
 * const http = createHttpClient({ platform: 'ebay', baseUrl: 'https://api.ebay.com', context, classify: ebayClassifier });
 * ```
 *
 * @category Rate limits
 */
export const ebayClassifier: ResponseClassifier = (input) => {
  if (input.status < 400) return undefined;
  const errors = ebayErrorsOf(input.body);
  const message = describeEbayErrors(errors) || undefined;
  const withMessage = <T extends object>(verdict: T) => (message ? { ...verdict, message } : verdict);
  if (input.status === 429 || errors.some((error) => error.errorId === EBAY_TOO_MANY_REQUESTS))
    return withMessage({ kind: 'throttled' as const });
  if (errors.some((error) => error.errorId !== undefined && EBAY_INVALID_TOKEN_ERRORS.has(error.errorId)))
    return withMessage({ kind: 'auth' as const });
  return message ? withMessage(defaultClassify(input)) : undefined;
};
