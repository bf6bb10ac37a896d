import type { ValidationIssue } from '../core/errors/validation-error.js';
import { isUnknownOutcomeStatus } from './outcome.js';
import type { LimiterFeedback } from './feedback-types.js';

/**
 * What the pipeline knows about a response when it classifies it.
 *
 * @category Classifiers and feedback
 */
export interface ClassifyInput {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** Parsed JSON body, the text when it is not JSON, or `undefined` when not read (streams). */
  body: unknown;
  /** Request method. */
  method: string;
  /** The request's operation. */
  operation: string;
}

/**
 * The verdict on a response:
 * - `ok`: return it;
 * - `throttled`: the platform refused for lack of quota and did nothing, so any method may be retried;
 * - `transient`: a temporary failure (5xx, malformed body) retried only for idempotent or keyed requests;
 * - `auth`: credentials were rejected (the auth hook may refresh once);
 * - `not_found`, `invalid` (a 4xx the caller must fix), `error` (anything else, final).
 *
 * `feedback` updates the limiter whatever the verdict.
 *
 * @category Classifiers and feedback
 */
export interface Classification {
  kind: 'ok' | 'throttled' | 'transient' | 'auth' | 'not_found' | 'invalid' | 'error';
  /** How long the platform asked to wait, if it said. */
  retryAfterMs?: number;
  /** A short reason for events and errors (e.g. `QuotaExceeded`). */
  message?: string;
  /** Budget information from the body. */
  feedback?: LimiterFeedback;
  /**
   * For `invalid`: what the platform said is wrong, field by field. The error becomes a
   * `ValidationError` with these issues (their messages redacted) instead of a
   * `MarketplaceApiError`, read from the body before secret-looking fields are redacted.
   */
  issues?: ValidationIssue[];
}

/**
 * Classifies responses for a platform. Return `undefined` to fall back to the default
 * (status-based) classification; `feedback` from the platform classifier is kept either way,
 * so a platform's own rate-limit headers are read here too. Each connector's folder holds its
 * platform's classifier (`shopifyGraphqlClassifier`, `amazonClassifier`, ...).
 *
 * @example
 * ```ts
 * const classify: ResponseClassifier = ({ body }) =>
 *   (body as { errors?: { code?: string }[] })?.errors?.some((e) => e.code === 'QuotaExceeded')
 *     ? { kind: 'throttled', message: 'QuotaExceeded' }
 *     : undefined;
 * ```
 *
 * @category Classifiers and feedback
 */
export type ResponseClassifier = (input: ClassifyInput) => Classification | undefined;

/**
 * The status-based classification every platform starts from: 2xx/3xx ok, 401/403 auth,
 * 404/410 not found, 429 throttled, 408/425/5xx transient, other 4xx invalid.
 *
 * @example
 * ```ts
 * defaultClassify({ status: 503, headers: new Headers(), body: '', method: 'GET', operation: 'x' }).kind; // 'transient'
 * ```
 *
 * @category Classifiers and feedback
 */
export function defaultClassify(input: ClassifyInput): Classification {
  const { status } = input;
  if (status < 400) return { kind: 'ok' };
  if (status === 429) return { kind: 'throttled', message: 'HTTP 429' };
  if (status === 401 || status === 403) return { kind: 'auth', message: `HTTP ${status}` };
  if (status === 404 || status === 410) return { kind: 'not_found', message: `HTTP ${status}` };
  if (isUnknownOutcomeStatus(status)) return { kind: 'transient', message: `HTTP ${status}` };
  return { kind: 'invalid', message: `HTTP ${status}` };
}

/**
 * Problem Details (RFC 9457, `application/problem+json`: `title`, `status`, `detail`), as
 * bol.com and many other APIs answer errors: a 429 problem is throttling, the rest follow the
 * problem's status, and the message carries its title and detail.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'bol', baseUrl, context, classify: problemJsonClassifier });
 * ```
 *
 * @category Classifiers and feedback
 */
export const problemJsonClassifier: ResponseClassifier = (input) => {
  const type = input.headers.get('content-type') ?? '';
  if (!type.includes('problem+json') || !input.body || typeof input.body !== 'object') return undefined;
  const problem = input.body as { status?: number; title?: string; detail?: string };
  const status = typeof problem.status === 'number' ? problem.status : input.status;
  const verdict = defaultClassify({ ...input, status });
  const message = [problem.title, problem.detail].filter(Boolean).join(': ');
  return message ? { ...verdict, message } : verdict;
};

/**
 * Combines classifiers: the first non-`ok` verdict wins, and the feedback of all of them is
 * merged (later ones override earlier fields).
 *
 * @example
 * ```ts
 * const classify = composeClassifiers(myPlatformClassifier, problemJsonClassifier);
 * ```
 *
 * @category Classifiers and feedback
 */
export function composeClassifiers(...classifiers: ResponseClassifier[]): ResponseClassifier {
  return (input) => {
    let verdict: Classification | undefined;
    let feedback: LimiterFeedback | undefined;
    for (const classify of classifiers) {
      const result = classify(input);
      if (!result) continue;
      if (result.feedback) feedback = { ...feedback, ...result.feedback };
      if (!verdict || (verdict.kind === 'ok' && result.kind !== 'ok')) verdict = result;
    }
    if (!verdict) return undefined;
    return feedback ? { ...verdict, feedback } : verdict;
  };
}
