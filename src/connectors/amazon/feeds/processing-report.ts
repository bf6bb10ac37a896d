import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';

/**
 * One issue of a listings feed processing report.
 *
 * @example
 * ```ts
 * const issue: FeedIssue = { messageId: 4, sku: 'MUG-1', code: '90220', severity: 'ERROR', message: "'[batteries_required]' is required but not supplied." };
 * ```
 */
export interface FeedIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

/**
 * The outcome of one feed message: accepted unless the report has an `ERROR` for it.
 *
 * @example
 * ```ts
 * for (const outcome of report.outcomes) if (!outcome.accepted) console.warn(outcome.sku, outcome.issues);
 * ```
 */
export interface FeedMessageOutcome {
  messageId: number;
  sku: string;
  accepted: boolean;
  issues: FeedIssue[];
}

/**
 * A parsed `JSON_LISTINGS_FEED` processing report.
 *
 * @example
 * ```ts
 * const report: ListingsFeedReport = parseListingsFeedReport(json, messages)._unsafeUnwrap();
 * ```
 */
export interface ListingsFeedReport {
  feedId?: string;
  summary: { errors: number; warnings: number; messagesProcessed: number; messagesAccepted: number; messagesInvalid: number };
  /** Issues that name no message (feed-level problems). */
  feedIssues: FeedIssue[];
  /** One outcome per submitted message, in message order. */
  outcomes: FeedMessageOutcome[];
}

/**
 * Why a processing report could not be read.
 *
 * @example
 * ```ts
 * const reason: FeedReportReason = 'invalid_report';
 * ```
 */
export type FeedReportReason = 'invalid_json' | 'invalid_report';

const SEVERITIES = new Set(['ERROR', 'WARNING', 'INFO']);

/**
 * Reads a listings feed processing report (listings-feed-processing-report-schema-v2) and maps
 * its issues back to the submitted messages. A message with an `ERROR` issue was not applied;
 * every other submitted message was.
 *
 * @example
 * ```ts
 * const result = parseListingsFeedReport(text, [{ messageId: 1, sku: 'MUG-1' }]);
 * if (result.isOk()) console.log(result.value.outcomes);
 * ```
 */
export function parseListingsFeedReport(
  input: string | unknown,
  submitted: readonly { messageId: number; sku: string }[],
): Result<ListingsFeedReport, Failure<FeedReportReason>> {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (cause) {
      return err(failure('invalid_json', 'The processing report is not JSON.', { cause }));
    }
  }
  const report = json as { header?: { feedId?: unknown }; issues?: unknown; summary?: Record<string, unknown> };
  if (typeof report !== 'object' || report === null || typeof report.summary !== 'object' || report.summary === null) {
    return err(failure('invalid_report', 'The processing report has no summary; is this a JSON_LISTINGS_FEED report?'));
  }
  const issues: FeedIssue[] = [];
  for (const raw of Array.isArray(report.issues) ? report.issues : []) {
    const issue = raw as Record<string, unknown>;
    if (typeof issue.code !== 'string' || typeof issue.message !== 'string' || !SEVERITIES.has(String(issue.severity))) {
      return err(failure('invalid_report', `Malformed issue in processing report: ${JSON.stringify(raw).slice(0, 200)}`));
    }
    issues.push({
      code: issue.code,
      message: issue.message,
      severity: issue.severity as FeedIssue['severity'],
      ...(typeof issue.messageId === 'number' ? { messageId: issue.messageId } : {}),
      ...(typeof issue.sku === 'string' ? { sku: issue.sku } : {}),
      ...(typeof issue.attributeName === 'string' ? { attributeName: issue.attributeName } : {}),
    });
  }
  const byMessage = new Map<number, FeedIssue[]>();
  for (const issue of issues) {
    if (issue.messageId === undefined) continue;
    byMessage.set(issue.messageId, [...(byMessage.get(issue.messageId) ?? []), issue]);
  }
  const count = (key: string) => (typeof report.summary?.[key] === 'number' ? (report.summary[key] as number) : 0);
  return ok({
    ...(typeof report.header?.feedId === 'string' ? { feedId: report.header.feedId } : {}),
    summary: {
      errors: count('errors'),
      warnings: count('warnings'),
      messagesProcessed: count('messagesProcessed'),
      messagesAccepted: count('messagesAccepted'),
      messagesInvalid: count('messagesInvalid'),
    },
    feedIssues: issues.filter((issue) => issue.messageId === undefined),
    outcomes: submitted.map(({ messageId, sku }) => {
      const own = byMessage.get(messageId) ?? [];
      return { messageId, sku, accepted: !own.some((issue) => issue.severity === 'ERROR'), issues: own };
    }),
  });
}
