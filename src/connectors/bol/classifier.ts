import { defaultClassify, type ResponseClassifier } from '../../http/classify.js';
import type { LimiterFeedback } from '../../http/feedback-types.js';
import { MAX_RETRY_AFTER_MS } from '../../http/retry-after.js';

/**
 * A problem as bol.com answers errors (RFC 7807 fields plus `violations`), with the Retailer
 * API's own media type or `application/problem+json`.
 *
 * @category Rate limits
 */
export interface BolProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  host?: string;
  instance?: string;
  violations?: { name: string; reason: string }[];
}

/**
 * The body as a {@link BolProblem}, when it is one (an object with a title, detail, status or
 * violations); `undefined` otherwise.
 *
 * @example
 * ```ts
 * bolProblemOf({ title: 'Not found', status: 404 })?.status; // 404
 * ```
 *
 * @category Rate limits
 */
export function bolProblemOf(body: unknown): BolProblem | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const looksLike =
    typeof record.title === 'string' || typeof record.detail === 'string' || Array.isArray(record.violations);
  if (!looksLike) return undefined;
  const problem: BolProblem = {};
  for (const key of ['type', 'title', 'detail', 'host', 'instance'] as const)
    if (typeof record[key] === 'string') problem[key] = record[key] as string;
  if (typeof record.status === 'number') problem.status = record.status;
  if (Array.isArray(record.violations)) {
    problem.violations = record.violations
      .filter((v): v is { name: unknown; reason: unknown } => typeof v === 'object' && v !== null)
      .map((v) => ({
        name: typeof v.name === 'string' ? v.name : '',
        reason: typeof v.reason === 'string' ? v.reason : '',
      }));
  }
  return problem;
}

function seconds(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * What bol.com's rate-limit headers say about the window of the request: `x-ratelimit-limit`
 * (requests per window), `x-ratelimit-reset` (seconds until the window ends; whole seconds
 * are taken as rounded up, so precise to a second). The pipeline itself reads
 * `x-ratelimit-remaining` and `Retry-After`.
 *
 * @example
 * ```ts
 * bolWindowFeedback(new Headers({ 'x-ratelimit-limit': '25', 'x-ratelimit-reset': '1' })); // { windowLimit: 25, windowResetMs: 1000, windowResetPrecisionMs: 1000 }
 * ```
 *
 * @category Rate limits
 */
export function bolWindowFeedback(headers: Headers): LimiterFeedback {
  const feedback: LimiterFeedback = {};
  const limit = seconds(headers.get('x-ratelimit-limit'));
  if (limit !== undefined && limit >= 1) feedback.windowLimit = Math.floor(limit);
  const text = headers.get('x-ratelimit-reset');
  const reset = seconds(text);
  if (reset !== undefined) {
    feedback.windowResetMs = Math.min(MAX_RETRY_AFTER_MS, Math.ceil(reset * 1000));
    // Whole seconds are taken as rounded up: the window may end up to a second earlier.
    const decimals = /\.(\d+)/.exec(text!)?.[1]?.length ?? 0;
    feedback.windowResetPrecisionMs = Math.max(1, Math.round(1000 / 10 ** decimals));
  }
  return feedback;
}

/**
 * Classifies bol.com answers: a problem body follows the problem's status (bol.com sends
 * problems with `application/vnd.retailer.v10+json` as well as `application/problem+json`),
 * 429 is throttling (its `Retry-After` seconds are honoured by the pipeline), and every answer
 * feeds the window with {@link bolWindowFeedback}.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'bol', baseUrl, context, classify: bolClassifier });
 * ```
 *
 * @category Rate limits
 */
export const bolClassifier: ResponseClassifier = (input) => {
  const feedback = bolWindowFeedback(input.headers);
  const withFeedback = Object.keys(feedback).length > 0 ? { feedback } : {};
  const problem = input.status >= 400 ? bolProblemOf(input.body) : undefined;
  if (!problem) return Object.keys(feedback).length > 0 ? { kind: 'ok', ...withFeedback } : undefined;
  const status = typeof problem.status === 'number' && problem.status >= 400 ? problem.status : input.status;
  const verdict = defaultClassify({ ...input, status });
  const message = [problem.title, problem.detail].filter(Boolean).join(': ');
  return { ...verdict, ...(message ? { message } : {}), ...withFeedback };
};
