import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';

/**
 * One issue of a listings feed processing report.
 *
 * @category Operations
 */
export interface FeedIssue {
  messageId?: number;
  sku?: string;
  /** Amazon's error code, when the issue has one (the schema makes it optional). */
  code?: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

/**
 * What became of one feed message: `accepted` (processed with no `ERROR` of its own and no
 * feed-level `ERROR`), `invalid` (it has an `ERROR` issue: not applied), or `unconfirmed` (the
 * report cannot vouch for it: a feed-level `ERROR`, or fewer messages processed or accepted
 * than the report would need for it to have been applied). Treat `unconfirmed` as not applied:
 * the changes are absolute values, so sending them again is safe.
 *
 * @category Operations
 */
export type FeedMessageStatus = 'accepted' | 'invalid' | 'unconfirmed';

/**
 * The outcome of one feed message: accepted only when the report confirms it.
 *
 * @category Operations
 */
export interface FeedMessageOutcome {
  messageId: number;
  sku: string;
  /** True when `status` is `accepted`. */
  accepted: boolean;
  status: FeedMessageStatus;
  /** The message's own issues (feed-level issues are in {@link ListingsFeedReport.feedIssues}). */
  issues: FeedIssue[];
}

/**
 * A parsed `JSON_LISTINGS_FEED` processing report.
 *
 * @category Operations
 */
export interface ListingsFeedReport {
  feedId?: string;
  summary: {
    errors: number;
    warnings: number;
    messagesProcessed: number;
    messagesAccepted: number;
    messagesInvalid: number;
  };
  /** Issues that name no message (feed-level problems). */
  feedIssues: FeedIssue[];
  /** One outcome per submitted message, in message order. */
  outcomes: FeedMessageOutcome[];
}

/**
 * Why a processing report could not be read.
 *
 * @category Operations
 */
export type FeedReportReason = 'invalid_json' | 'invalid_report';

const SEVERITIES = new Set(['ERROR', 'WARNING', 'INFO']);

function readIssue(raw: unknown): FeedIssue | string {
  const issue = raw as Record<string, unknown>;
  if (!issue || typeof issue !== 'object') return 'an issue that is not an object';
  if (typeof issue.message !== 'string' || issue.message === '') return 'an issue without a message';
  if (!SEVERITIES.has(String(issue.severity))) return `an issue with severity ${JSON.stringify(issue.severity)}`;
  if (issue.messageId !== undefined && (!Number.isInteger(issue.messageId) || (issue.messageId as number) < 1))
    return `an issue with messageId ${JSON.stringify(issue.messageId)}`;
  return {
    message: issue.message,
    severity: issue.severity as FeedIssue['severity'],
    ...(typeof issue.code === 'string' ? { code: issue.code } : {}),
    ...(typeof issue.messageId === 'number' ? { messageId: issue.messageId } : {}),
    ...(typeof issue.sku === 'string' ? { sku: issue.sku } : {}),
    ...(typeof issue.attributeName === 'string' ? { attributeName: issue.attributeName } : {}),
  };
}

/**
 * Reads a listings feed processing report (listings-feed-processing-report-schema-v2: issues
 * need only `severity` and `message`) and maps it back to the submitted messages. A message
 * with an `ERROR` issue is `invalid`. The others are `accepted` only when the report vouches
 * for them: no feed-level `ERROR` (an issue naming no message), every submitted message
 * processed (`summary.messagesProcessed`), and enough accepted (`summary.messagesAccepted`)
 * for all of them; otherwise they are `unconfirmed`.
 *
 * @example
 * ```ts
 * const result = parseListingsFeedReport(text, [{ messageId: 1, sku: 'MUG-1' }]);
 * if (result.isOk()) console.log(result.value.outcomes);
 * ```
 *
 * @category Operations
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
    const issue = readIssue(raw);
    if (typeof issue === 'string')
      return err(
        failure('invalid_report', `The processing report has ${issue}: ${JSON.stringify(raw)?.slice(0, 200)}`),
      );
    issues.push(issue);
  }
  const byMessage = new Map<number, FeedIssue[]>();
  for (const issue of issues) {
    if (issue.messageId === undefined) continue;
    byMessage.set(issue.messageId, [...(byMessage.get(issue.messageId) ?? []), issue]);
  }
  const count = (key: string) => (typeof report.summary?.[key] === 'number' ? (report.summary[key] as number) : 0);
  const summary = {
    errors: count('errors'),
    warnings: count('warnings'),
    messagesProcessed: count('messagesProcessed'),
    messagesAccepted: count('messagesAccepted'),
    messagesInvalid: count('messagesInvalid'),
  };
  const feedIssues = issues.filter((issue) => issue.messageId === undefined);
  const invalid = (messageId: number) => (byMessage.get(messageId) ?? []).some((issue) => issue.severity === 'ERROR');
  const clean = submitted.filter(({ messageId }) => !invalid(messageId)).length;
  const vouched =
    !feedIssues.some((issue) => issue.severity === 'ERROR') &&
    summary.messagesProcessed >= submitted.length &&
    summary.messagesAccepted >= clean;
  return ok({
    ...(typeof report.header?.feedId === 'string' ? { feedId: report.header.feedId } : {}),
    summary,
    feedIssues,
    outcomes: submitted.map(({ messageId, sku }) => {
      const status: FeedMessageStatus = invalid(messageId) ? 'invalid' : vouched ? 'accepted' : 'unconfirmed';
      return { messageId, sku, accepted: status === 'accepted', status, issues: byMessage.get(messageId) ?? [] };
    }),
  });
}
