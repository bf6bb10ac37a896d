import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import type { ResolvedContext } from '../../../core/context.js';
import { AsyncJob, type AsyncJobDefinition } from '../../../http/jobs/async-job.js';
import type { BolClient } from '../client.js';
import {
  BOL_BULK_PROCESS_STATUS_MAX,
  bulkProcessStatusRequest,
  getProcessStatusRequest,
} from '../requests/process-status.js';
import type { BolProcessStatus } from '../types.js';
import { settle, type SettledProcessStatus } from './outcome.js';

/**
 * How to wait for process statuses: first poll after `pollMs`, doubling up to `maxPollMs`,
 * giving up `deadlineMs` after the wait began.
 *
 * @example
 * ```ts
 * const options: ProcessStatusWaitOptions = { pollMs: 1000, maxPollMs: 30_000, deadlineMs: 15 * 60_000 };
 * ```
 */
export interface ProcessStatusWaitOptions {
  pollMs: number;
  maxPollMs: number;
  deadlineMs: number;
  signal?: AbortSignal;
  /** Called with each status as it becomes final. */
  onSettled?: (settled: SettledProcessStatus) => unknown;
}

interface PollData {
  pending: string[];
  settled: Record<string, SettledProcessStatus>;
  [key: string]: unknown;
}

async function fetchStatuses(
  client: BolClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, BolProcessStatus | 'gone'>> {
  const found = new Map<string, BolProcessStatus | 'gone'>();
  const single = async (id: string) => {
    try {
      const { data } = await client.send<BolProcessStatus | null>(getProcessStatusRequest(id), signal);
      // An answer without a state leaves the id pending (the deadline bounds the wait).
      if (typeof data?.status === 'string') found.set(id, data);
    } catch (error) {
      // Gone: bol.com keeps process statuses for a limited time after they finish.
      if (isMarketbridgeError(error) && error.code === 'not_found') found.set(id, 'gone');
      else throw error;
    }
  };
  if (ids.length === 1) {
    await single(ids[0]!);
    return found;
  }
  for (let start = 0; start < ids.length; start += BOL_BULK_PROCESS_STATUS_MAX) {
    const chunk = ids.slice(start, start + BOL_BULK_PROCESS_STATUS_MAX);
    const { data } = await client.send<{ processStatuses?: BolProcessStatus[] }>(
      bulkProcessStatusRequest(chunk),
      signal,
    );
    const listed = Array.isArray(data?.processStatuses) ? data.processStatuses : [];
    for (const status of listed) {
      const id = typeof status?.processStatusId === 'number' ? String(status.processStatusId) : status?.processStatusId;
      if (typeof id === 'string' && typeof status.status === 'string') found.set(id, status);
    }
  }
  // An id the bulk answer leaves out is asked for alone, once: a 404 there means it is gone.
  for (const id of ids) if (!found.has(id)) await single(id);
  return found;
}

/**
 * The process status wait as an {@link AsyncJob} definition: the job's state holds the ids
 * still pending and the final statuses so far; each poll asks bol.com about the pending ones,
 * alone (`GET /shared/process-status/{id}`) or up to 1,000 at once with the bulk variant.
 *
 * @example
 * ```ts
 * const job = new AsyncJob(processStatusJob(client, ['1', '2']), { clock, pollMs: 1000 });
 * await job.run();
 * ```
 */
export function processStatusJob(
  client: BolClient,
  ids: readonly string[],
  onSettled?: (settled: SettledProcessStatus) => unknown,
): AsyncJobDefinition {
  return {
    kind: 'bol.process-status',
    async create() {
      const data: PollData = { pending: [...new Set(ids)], settled: {} };
      return { jobId: `process-statuses:${ids.length}`, data };
    },
    async poll(state, signal) {
      const data = state.data as PollData;
      const statuses = await fetchStatuses(client, data.pending, signal);
      const settled = { ...data.settled };
      const pending: string[] = [];
      for (const id of data.pending) {
        const status = statuses.get(id);
        const final = status === 'gone' ? { id, state: 'UNKNOWN' as const } : status ? settle(status, id) : undefined;
        if (final) {
          settled[id] = final;
          await onSettled?.(final);
        } else pending.push(id);
      }
      const next: PollData = { pending, settled };
      return pending.length > 0 ? { status: 'pending', data: next } : { status: 'done', data: next };
    },
    download() {
      throw new TypeError('A process status wait has no document.');
    },
  };
}

/**
 * The outcome of {@link awaitProcessStatuses}: the final statuses by id, and why polling
 * stopped early when it did (the deadline, or bol.com failing to answer after retries). Ids
 * without a final status have an unknown outcome.
 */
export interface ProcessStatusWait {
  settled: Map<string, SettledProcessStatus>;
  /** Set when some ids were still pending: the deadline's `TimeoutError` or the polling failure. */
  stoppedBy?: unknown;
}

/**
 * Polls process statuses until each is `SUCCESS`, `FAILURE` or `TIMEOUT`, with backoff and a
 * deadline. Cancellation rejects; every other reason to stop (the deadline, bol.com not
 * answering after the pipeline's retries) resolves with what settled so far.
 *
 * @example
 * ```ts
 * const { settled } = await awaitProcessStatuses(client, context, ids, { pollMs: 1000, maxPollMs: 30_000, deadlineMs: 900_000 });
 * ```
 */
export async function awaitProcessStatuses(
  client: BolClient,
  context: ResolvedContext,
  ids: readonly string[],
  options: ProcessStatusWaitOptions,
): Promise<ProcessStatusWait> {
  const settled = new Map<string, SettledProcessStatus>();
  if (ids.length === 0) return { settled };
  const job = new AsyncJob(processStatusJob(client, ids, options.onSettled), {
    clock: context.clock,
    pollMs: options.pollMs,
    maxPollMs: options.maxPollMs,
    deadlineMs: options.deadlineMs,
  });
  let stoppedBy: unknown;
  try {
    await job.run(options.signal);
  } catch (error) {
    options.signal?.throwIfAborted();
    stoppedBy = error;
  }
  const data = job.state?.data as PollData | undefined;
  for (const [id, final] of Object.entries(data?.settled ?? {})) settled.set(id, final);
  return stoppedBy === undefined ? { settled } : { settled, stoppedBy };
}
