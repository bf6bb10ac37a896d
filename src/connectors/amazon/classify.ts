import type { Classification, ResponseClassifier } from '../../http/classify.js';
import { amazonHeaderFeedback } from './header-feedback.js';

/**
 * Amazon SP-API: a 429 whose body has `errors[].code == "QuotaExceeded"` is throttling; other
 * error codes keep the status-based verdict. `x-amzn-RateLimit-Limit` feeds the operation's
 * bucket its rate, whatever the verdict.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'amazon', baseUrl, context, classify: amazonClassifier });
 * ```
 *
 * @category Rate limits
 */
export const amazonClassifier: ResponseClassifier = (input) => {
  const feedback = amazonHeaderFeedback(input.headers);
  const withFeedback = (verdict: Classification): Classification =>
    feedback.refillPerSecond === undefined ? verdict : { ...verdict, feedback };
  const errors = (input.body as { errors?: { code?: string; message?: string }[] } | undefined)?.errors;
  if (Array.isArray(errors) && errors.some((e) => e?.code === 'QuotaExceeded')) {
    return withFeedback({ kind: 'throttled', message: 'QuotaExceeded' });
  }
  return feedback.refillPerSecond === undefined ? undefined : withFeedback({ kind: 'ok' });
};
