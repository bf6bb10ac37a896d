import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { SpApiClient } from '../client.js';
import { parseDelimited, parseJsonArray, readText } from '../../../http/jobs/parse.js';

/**
 * The serialisable state of one report request. Save it after every step; any process can
 * continue it with {@link advanceReportJob}.
 *
 * @category Operations
 */
export interface ReportJobState {
  kind: 'amazon.report';
  step: 'create' | 'poll' | 'ready' | 'failed';
  reportType: string;
  dataStartTime?: string;
  dataEndTime?: string;
  reportId?: string;
  processingStatus?: string;
  reportDocumentId?: string;
  nextPollAt?: number;
  error?: string;
}

/**
 * Starts the state of a report request.
 *
 * @example
 * ```ts
 * const state = startReportJob({ reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA' });
 * ```
 *
 * @category Operations
 */
export function startReportJob(input: {
  reportType: string;
  dataStartTime?: string;
  dataEndTime?: string;
}): ReportJobState {
  return { kind: 'amazon.report', step: 'create', ...input };
}

/**
 * Does one bounded step of a report: request it → poll until `DONE` (not before
 * `nextPollAt`) → `ready` with its document id. Then {@link readReportRows} streams it.
 *
 * @example
 * ```ts
 * state = await advanceReportJob(client, state, { now: clock.now() });
 * ```
 *
 * @category Operations
 */
export async function advanceReportJob(
  client: SpApiClient,
  state: ReportJobState,
  options: { now: number; pollIntervalMs?: number; signal?: AbortSignal },
): Promise<ReportJobState> {
  const poll = options.pollIntervalMs ?? 30_000;
  if (state.step === 'create') {
    const { reportId } = await client.createReport(
      {
        reportType: state.reportType,
        ...(state.dataStartTime ? { dataStartTime: state.dataStartTime } : {}),
        ...(state.dataEndTime ? { dataEndTime: state.dataEndTime } : {}),
      },
      options.signal,
    );
    return { ...state, step: 'poll', reportId, nextPollAt: options.now + poll };
  }
  if (state.step === 'poll') {
    if (state.nextPollAt !== undefined && options.now < state.nextPollAt) return state;
    const report = await client.getReport(state.reportId!, options.signal);
    if (report.processingStatus === 'DONE' && report.reportDocumentId)
      return { ...state, step: 'ready', processingStatus: 'DONE', reportDocumentId: report.reportDocumentId };
    if (report.processingStatus === 'CANCELLED' || report.processingStatus === 'FATAL') {
      return {
        ...state,
        step: 'failed',
        processingStatus: report.processingStatus,
        error: `Report ${state.reportId} ended ${report.processingStatus}.`,
      };
    }
    return { ...state, processingStatus: report.processingStatus, nextPollAt: options.now + poll };
  }
  return state;
}

/**
 * Runs a report to `ready`, sleeping on the injected clock between polls.
 *
 * @example
 * ```ts
 * const ready = await runReportJob(client, startReportJob({ reportType }), { clock });
 * ```
 *
 * @category Operations
 */
export async function runReportJob(
  client: SpApiClient,
  state: ReportJobState,
  options: {
    clock: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };
    pollIntervalMs?: number;
    signal?: AbortSignal;
    onStep?: (state: ReportJobState) => unknown;
  },
): Promise<ReportJobState> {
  let current = state;
  while (current.step === 'create' || current.step === 'poll') {
    const now = options.clock.now();
    if (current.step === 'poll' && current.nextPollAt !== undefined && now < current.nextPollAt) {
      await options.clock.sleep(current.nextPollAt - now, options.signal);
      continue;
    }
    current = await advanceReportJob(client, current, {
      now,
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await options.onStep?.(current);
  }
  if (current.step === 'failed')
    throw new MarketplaceApiError(current.error ?? 'The report failed.', {
      platform: 'amazon',
      operation: 'createReport',
      retryable: false,
    });
  return current;
}

/**
 * Options of {@link readReportRows}.
 *
 * @example
 * ```ts
 * const options: ReadReportRowsOptions = { format: 'json', jsonPath: ['salesAndTrafficByAsin'] };
 * ```
 *
 * @category Operations
 */
export interface ReadReportRowsOptions {
  /** `tsv` (default; flat files) or `json`. */
  format?: 'tsv' | 'json';
  /**
   * For a JSON report that is an object: keys from the root to the array whose elements are
   * the rows (e.g. `['salesAndTrafficByAsin']`), streamed element by element.
   */
  jsonPath?: readonly string[];
  /** Cancels the document request and the download. */
  signal?: AbortSignal;
}

/**
 * Streams the rows of a ready report: tab-separated flat files as `Record<column, value>`;
 * JSON reports element by element from a top-level array or from the array under
 * `jsonPath`. A JSON object read without `jsonPath` is yielded whole as one row. Gzip is
 * detected from the bytes.
 *
 * @example
 * ```ts
 * for await (const row of readReportRows(client, ready)) console.log(row['seller-sku']);
 * for await (const asin of readReportRows(client, sales, { format: 'json', jsonPath: ['salesAndTrafficByAsin'] })) console.log(asin.parentAsin);
 * ```
 *
 * @category Operations
 */
export async function* readReportRows(
  client: SpApiClient,
  state: ReportJobState,
  options: ReadReportRowsOptions = {},
): AsyncGenerator<Record<string, unknown>> {
  if (state.step !== 'ready' || !state.reportDocumentId) {
    throw new MarketplaceApiError('The report is not ready; run advanceReportJob until step is "ready".', {
      platform: 'amazon',
      operation: 'getReportDocument',
      retryable: false,
    });
  }
  const document = await client.getReportDocument(state.reportDocumentId, options.signal);
  const stream = await client.downloadDocument(document.url, options.signal);
  if (options.format === 'json') {
    yield* jsonRows(stream, options.jsonPath);
    return;
  }
  // Flat-file reports: tab-separated, a header row, no quoting.
  yield* parseDelimited(stream, { delimiter: '\t', quote: false }) as AsyncGenerator<Record<string, string>>;
}

async function* jsonRows(
  stream: ReadableStream<string>,
  path: readonly string[] | undefined,
): AsyncGenerator<Record<string, unknown>> {
  if (path) {
    yield* parseJsonArray<Record<string, unknown>>(stream, { path });
    return;
  }
  // Look at the first character to tell a streamable array from an object to read whole.
  const reader = stream.getReader();
  const head: string[] = [];
  let first: string | undefined;
  try {
    while (first === undefined) {
      const next = await reader.read();
      if (next.done) break;
      head.push(next.value);
      first = next.value.trimStart()[0];
    }
  } catch (error) {
    reader.releaseLock();
    throw error;
  }
  async function* text(): AsyncGenerator<string> {
    try {
      yield* head;
      for (;;) {
        const next = await reader.read();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  if (first === '[') {
    yield* parseJsonArray<Record<string, unknown>>(text());
    return;
  }
  yield JSON.parse(await readText(text())) as Record<string, unknown>;
}
