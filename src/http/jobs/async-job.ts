import type { Clock } from '../../core/clock.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { TimeoutError } from '../../core/errors/timeout-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { Store } from '../../stores/store.js';
import { decodeDocument, type ByteSource } from './decode.js';
import { parseLines, parseDelimited, parseJsonArray, parseJsonLines } from './parse.js';

/**
 * The formats an async job's document can be streamed as.
 *
 * @category Async jobs
 */
export type DocumentFormat = 'jsonl' | 'csv' | 'tsv' | 'json' | 'lines';

/**
 * Where a finished job's result document is and how to read it.
 *
 * @category Async jobs
 */
export interface DocumentRef {
  url: string;
  format?: DocumentFormat;
  /** What the platform says; the bytes decide (gzip is detected from the magic number). */
  compression?: string;
  charset?: string;
  /** For `json` documents: where the array of rows is. */
  path?: readonly string[];
}

/**
 * The serialisable state of an async job: store it, and another process resumes the job
 * where this one stopped.
 *
 * @category Async jobs
 */
export interface AsyncJobState {
  kind: string;
  phase: 'created' | 'polling' | 'done' | 'failed';
  jobId?: string;
  createdAt: number;
  deadlineAt: number;
  polls: number;
  nextPollAt?: number;
  document?: DocumentRef;
  reason?: string;
  /** Platform-specific values the definition keeps between steps. */
  data?: Record<string, unknown>;
}

/**
 * The answer of one poll.
 *
 * @category Async jobs
 */
export type PollAnswer =
  | { status: 'pending'; data?: Record<string, unknown> }
  | { status: 'done'; document?: DocumentRef; data?: Record<string, unknown> }
  | { status: 'failed'; reason: string };

/**
 * One platform's async job: SP-API reports and feeds, Shopify bulk operations, bol.com process
 * status, eBay tasks are each a definition of these three steps.
 *
 * @example
 * ```ts
 * const report: AsyncJobDefinition = {
 *   kind: 'amazon-report',
 *   create: async () => ({ jobId: (await client.request<{ reportId: string }>(createReport)).data.reportId }),
 *   poll: async (state) => mapStatus(await client.request(getReport(state.jobId!))),
 *   download: (doc, signal) => client.request({ operation: 'getReportDocument', method: 'GET', path: doc.url, responseType: 'stream', signal }).then((r) => r.data as ReadableStream<Uint8Array>),
 * };
 * ```
 *
 * @category Async jobs
 */
export interface AsyncJobDefinition {
  /** The job type; a state can only be resumed by a definition of the same kind. */
  kind: string;
  /** Starts the job on the platform; returns its id and any values later steps need. */
  create(signal?: AbortSignal): Promise<{ jobId: string; data?: Record<string, unknown> }>;
  /** Asks the platform how the job is doing. */
  poll(state: AsyncJobState, signal?: AbortSignal): Promise<PollAnswer>;
  /** Fetches the document's bytes. */
  download(document: DocumentRef, signal?: AbortSignal): Promise<ByteSource>;
}

/**
 * Options of {@link AsyncJob}.
 *
 * @example
 * ```ts
 * const options: AsyncJobOptions = { clock, store, storeKey: 'jobs:report-42', pollMs: 2000, maxPollMs: 60_000, deadlineMs: 3_600_000 };
 * ```
 *
 * @category Async jobs
 */
export interface AsyncJobOptions {
  clock: Clock;
  /** Keep the state here after every step (with `storeKey`). */
  store?: Store;
  storeKey?: string;
  /** Told about every state change. */
  onState?: (state: AsyncJobState) => void;
  /** First poll interval (default 1,000 ms), multiplied by `pollFactor` (2) up to `maxPollMs` (60,000). */
  pollMs?: number;
  pollFactor?: number;
  maxPollMs?: number;
  /** Give up this long after creation (default one hour). */
  deadlineMs?: number;
}

/**
 * Runs an {@link AsyncJobDefinition}: create → poll with backoff until done, failed or the
 * deadline → download → stream-parse. Its state is serialisable after every step.
 *
 * @example
 * ```ts
 * const job = new AsyncJob(report, { clock, store, storeKey: 'jobs:inventory' });
 * await job.run();
 * for await (const row of job.rows()) console.log(row);
 * // in another process:
 * const resumed = await AsyncJob.load(report, { clock, store, storeKey: 'jobs:inventory' });
 * ```
 *
 * @category Async jobs
 */
export class AsyncJob {
  readonly #definition: AsyncJobDefinition;
  readonly #options: AsyncJobOptions;
  #state: AsyncJobState | undefined;

  /**
   * @param definition - the platform's steps
   * @param options - clock, persistence and polling
   * @param state - a state to resume from (see {@link AsyncJob.state})
   */
  constructor(definition: AsyncJobDefinition, options: AsyncJobOptions, state?: AsyncJobState) {
    const issues = [];
    for (const key of ['pollMs', 'maxPollMs', 'deadlineMs'] as const) {
      const value = options[key];
      if (value !== undefined && !(Number.isFinite(value) && value > 0))
        issues.push({ path: [key], message: 'Expected a positive number.' });
    }
    if (options.pollFactor !== undefined && !(options.pollFactor >= 1))
      issues.push({ path: ['pollFactor'], message: 'Expected a number >= 1.' });
    if (state && state.kind !== definition.kind)
      issues.push({
        path: ['state', 'kind'],
        message: `State of a ${state.kind} job given to a ${definition.kind} job.`,
      });
    if (issues.length) throw new ValidationError('async job options', issues);
    this.#definition = definition;
    this.#options = options;
    this.#state = state ? { ...state } : undefined;
  }

  /** Resumes the job whose state is kept at `options.storeKey`, or starts a new one. */
  static async load(definition: AsyncJobDefinition, options: AsyncJobOptions): Promise<AsyncJob> {
    const state =
      options.store && options.storeKey ? await options.store.get<AsyncJobState>(options.storeKey) : undefined;
    return new AsyncJob(definition, options, state);
  }

  /** The current state (a copy), `undefined` before creation. */
  get state(): AsyncJobState | undefined {
    return this.#state ? structuredClone(this.#state) : undefined;
  }

  /** Creates the job if needed and polls until it is done; resolves the final state. */
  async run(signal?: AbortSignal): Promise<AsyncJobState> {
    const { clock } = this.#options;
    if (!this.#state) {
      signal?.throwIfAborted();
      const created = await this.#definition.create(signal);
      const now = clock.now();
      await this.#save({
        kind: this.#definition.kind,
        phase: 'created',
        jobId: created.jobId,
        createdAt: now,
        deadlineAt: now + (this.#options.deadlineMs ?? 3_600_000),
        polls: 0,
        nextPollAt: now,
        ...(created.data ? { data: created.data } : {}),
      });
    }
    for (;;) {
      const state = this.#state!;
      if (state.phase === 'done') return this.state!;
      if (state.phase === 'failed') throw this.#failure(state.reason ?? 'failed');
      const wait = Math.max(0, (state.nextPollAt ?? 0) - clock.now());
      if (clock.now() + wait > state.deadlineAt) {
        throw new TimeoutError(`The ${state.kind} job ${state.jobId} did not finish before its deadline.`, {
          operation: state.kind,
        });
      }
      if (wait > 0) await clock.sleep(wait, signal);
      signal?.throwIfAborted();
      const answer = await this.#definition.poll(this.state!, signal);
      const polls = state.polls + 1;
      if (answer.status === 'pending') {
        const base = this.#options.pollMs ?? 1000;
        const delay = Math.min(
          this.#options.maxPollMs ?? 60_000,
          base * (this.#options.pollFactor ?? 2) ** Math.min(polls - 1, 40),
        );
        await this.#save({
          ...state,
          phase: 'polling',
          polls,
          nextPollAt: clock.now() + delay,
          ...(answer.data ? { data: { ...state.data, ...answer.data } } : {}),
        });
      } else if (answer.status === 'done') {
        await this.#save({
          ...state,
          phase: 'done',
          polls,
          ...(answer.document ? { document: answer.document } : {}),
          ...(answer.data ? { data: { ...state.data, ...answer.data } } : {}),
        });
      } else {
        await this.#save({ ...state, phase: 'failed', polls, reason: answer.reason });
      }
    }
  }

  /** Downloads the finished job's document and streams its rows (format from the document or `format`). */
  async *rows<T = unknown>(format?: DocumentFormat, signal?: AbortSignal): AsyncGenerator<T> {
    const state = await this.run(signal);
    const document = state.document;
    if (!document) return;
    const bytes = await this.#definition.download(document, signal);
    const text = await decodeDocument(bytes, document.charset ? { charset: document.charset } : {});
    switch (format ?? document.format ?? 'jsonl') {
      case 'csv':
        yield* parseDelimited(text) as AsyncGenerator<T>;
        return;
      case 'tsv':
        yield* parseDelimited(text, { delimiter: '\t' }) as AsyncGenerator<T>;
        return;
      case 'json':
        yield* parseJsonArray<T>(text, document.path ? { path: document.path } : {});
        return;
      case 'lines':
        yield* parseLines(text) as AsyncGenerator<T>;
        return;
      default:
        yield* parseJsonLines<T>(text);
    }
  }

  #failure(reason: string) {
    const state = this.#state!;
    return new MarketplaceApiError(`The ${state.kind} job ${state.jobId} failed: ${reason}.`, {
      operation: state.kind,
      retryable: false,
      body: { reason },
    });
  }

  async #save(state: AsyncJobState): Promise<void> {
    this.#state = state;
    const { store, storeKey, onState } = this.#options;
    if (store && storeKey) await store.set(storeKey, state);
    onState?.(structuredClone(state));
  }
}
