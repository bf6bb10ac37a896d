import type { ValidationIssue } from '../core/errors/validation-error.js';
import { isUnknownOutcomeStatus } from './outcome.js';
import type { LimiterFeedback } from './feedback-types.js';

/**
 * What the pipeline knows about a response when it classifies it.
 *
 * @example
 * ```ts
 * const input: ClassifyInput = { status: 200, headers: new Headers(), body: { data: {} }, method: 'POST', operation: 'graphql' };
 * ```
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
 * @example
 * ```ts
 * const throttled: Classification = { kind: 'throttled', retryAfterMs: 1000, message: 'THROTTLED' };
 * ```
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
 * (status-based) classification; `feedback` from the platform classifier is kept either way.
 *
 * @example
 * ```ts
 * const classify: ResponseClassifier = ({ body }) =>
 *   (body as { errors?: { code?: string }[] })?.errors?.some((e) => e.code === 'QuotaExceeded')
 *     ? { kind: 'throttled', message: 'QuotaExceeded' }
 *     : undefined;
 * ```
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

interface GraphqlCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
}

/**
 * Shopify Admin GraphQL: `errors[].extensions.code == "THROTTLED"` is throttling even with
 * HTTP 200, and `extensions.cost` feeds the cost bucket (actual cost refund, currently
 * available points, restore rate).
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'shopify', baseUrl, context, classify: shopifyGraphqlClassifier });
 * ```
 */
export const shopifyGraphqlClassifier: ResponseClassifier = ({ body }) => {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { errors?: unknown; extensions?: { cost?: GraphqlCost } };
  const cost = record.extensions?.cost;
  const feedback: LimiterFeedback = {};
  if (cost) {
    const status = cost.throttleStatus;
    if (typeof status?.currentlyAvailable === 'number') feedback.available = status.currentlyAvailable;
    if (typeof status?.maximumAvailable === 'number') feedback.capacity = status.maximumAvailable;
    if (typeof status?.restoreRate === 'number') feedback.refillPerSecond = status.restoreRate;
    if (typeof cost.actualQueryCost === 'number') feedback.actualCost = cost.actualQueryCost;
  }
  const throttled =
    Array.isArray(record.errors) &&
    record.errors.some((e) => (e as { extensions?: { code?: string } })?.extensions?.code === 'THROTTLED');
  if (throttled) {
    // Nothing ran, so nothing is spent beyond what the bucket already shows.
    const wait =
      cost?.requestedQueryCost !== undefined && feedback.available !== undefined && feedback.refillPerSecond
        ? Math.ceil(((cost.requestedQueryCost - feedback.available) / feedback.refillPerSecond) * 1000)
        : undefined;
    return { kind: 'throttled', message: 'THROTTLED', feedback: { ...feedback, actualCost: 0 }, ...(wait && wait > 0 ? { retryAfterMs: wait } : {}) };
  }
  return Object.keys(feedback).length ? { ...classifyOk(), feedback } : undefined;
};

function classifyOk(): Classification {
  return { kind: 'ok' };
}

/**
 * Amazon SP-API: a 429 whose body has `errors[].code == "QuotaExceeded"` is throttling; other
 * error codes keep the status-based verdict.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'amazon', baseUrl, context, classify: amazonClassifier });
 * ```
 */
export const amazonClassifier: ResponseClassifier = (input) => {
  const errors = (input.body as { errors?: { code?: string; message?: string }[] } | undefined)?.errors;
  if (Array.isArray(errors) && errors.some((e) => e?.code === 'QuotaExceeded')) {
    return { kind: 'throttled', message: 'QuotaExceeded' };
  }
  return undefined;
};

/**
 * bol.com: errors are `application/problem+json` (`title`, `status`, `detail`, `violations`);
 * a 429 problem is throttling, the rest follow the problem's status.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'bol', baseUrl, context, classify: problemJsonClassifier });
 * ```
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
 * const classify = composeClassifiers(amazonClassifier, problemJsonClassifier);
 * ```
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
