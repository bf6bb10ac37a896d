import { ValidationError } from '../core/errors/validation-error.js';
import type { MaybePromise } from '../core/types.js';

/**
 * One delivery of a queued job to a handler.
 *
 * @category Schedulers
 */
export interface JobRun {
  /** The queue's id of the job. */
  id: string;
  /** The job's name (the handler's key). */
  name: string;
  /** 1 for the first delivery, 2 for the first redelivery, ... */
  attempt: number;
  /** Aborted when the worker shuts down; pass it on to long work. */
  signal: AbortSignal;
}

/**
 * Runs one job. Resolve when its effect is committed; throw to have the queue deliver it again
 * (at least once: the handler must be idempotent, as marketbridge's job functions are).
 *
 * @category Schedulers
 */
export type JobHandler = (payload: unknown, run: JobRun) => MaybePromise<unknown>;

/**
 * Handlers by job name, as queue workers take them.
 *
 * @category Schedulers
 */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/**
 * A job that repeats: every `everyMs` milliseconds or on a cron `pattern`. Scheduling the same
 * `key` again replaces the earlier schedule.
 *
 * @category Schedulers
 */
export interface RepeatingJob {
  /** Names the schedule; scheduling the same key again replaces it. */
  key: string;
  /** The handler's name. */
  name: string;
  /** JSON-serialisable arguments. */
  payload: unknown;
  /** A cron pattern (five fields, minute resolution). */
  pattern?: string;
  /** A fixed interval in milliseconds (BullMQ only; pg-boss schedules by cron). */
  everyMs?: number;
  /** The time zone of `pattern` (default UTC). */
  timeZone?: string;
}

/**
 * Checks a repeating job, every problem at once.
 *
 * @example
 * ```ts
 * validateRepeatingJob({ key: 'k', name: 'n', payload: {}, everyMs: 60_000 }, { everyMs: true });
 * ```
 */
export function validateRepeatingJob(job: RepeatingJob, allowed: { everyMs: boolean }): void {
  const issues = [];
  if (typeof job?.key !== 'string' || job.key === '')
    issues.push({ path: ['key'], message: 'Give the schedule a non-empty key.' });
  if (typeof job?.name !== 'string' || job.name === '')
    issues.push({ path: ['name'], message: 'Give the job a non-empty name.' });
  if ((job?.pattern === undefined) === (job?.everyMs === undefined))
    issues.push({ path: ['pattern'], message: 'Give exactly one of `pattern` (cron) or `everyMs`.' });
  if (job?.pattern !== undefined && (typeof job.pattern !== 'string' || job.pattern.trim().split(/\s+/).length !== 5)) {
    issues.push({ path: ['pattern'], message: 'Expected a five-field cron pattern such as "*/5 * * * *".' });
  }
  if (job?.everyMs !== undefined) {
    if (!allowed.everyMs)
      issues.push({
        path: ['everyMs'],
        message: 'This scheduler repeats by cron only: use `pattern`, e.g. "*/5 * * * *".',
      });
    else if (!Number.isSafeInteger(job.everyMs) || job.everyMs < 1_000)
      issues.push({ path: ['everyMs'], message: 'Expected whole milliseconds, at least 1,000.' });
  }
  if (issues.length) throw new ValidationError('repeating job', issues);
}

/**
 * The handler for a job name, or a typed error naming the handlers there are.
 *
 * @example
 * ```ts
 * await handlerFor(handlers, job.name)(job.data.payload, run);
 * ```
 */
export function handlerFor(handlers: JobHandlers, name: string): JobHandler {
  const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
  if (!handler) {
    throw new ValidationError('job', [
      {
        path: ['name'],
        message: `No handler for job "${name}". Known: ${Object.keys(handlers).sort().join(', ') || 'none'}.`,
      },
    ]);
  }
  return handler;
}

/**
 * Checks handlers once when a worker starts.
 *
 * @example
 * ```ts
 * validateHandlers({ 'marketbridge.sync.run': run });
 * ```
 */
export function validateHandlers(handlers: JobHandlers): void {
  const issues = [];
  if (typeof handlers !== 'object' || handlers === null || Object.keys(handlers).length === 0)
    issues.push({ path: ['handlers'], message: 'Give at least one job handler.' });
  for (const [name, handler] of Object.entries(handlers ?? {})) {
    if (typeof handler !== 'function') issues.push({ path: ['handlers', name], message: 'Expected a function.' });
  }
  if (issues.length) throw new ValidationError('job handlers', issues);
}

/**
 * A running queue worker.
 *
 * @category Schedulers
 */
export interface QueueWorker {
  /** Stops taking jobs, waits for running ones (then aborts them after the timeout) and disconnects. */
  close(): Promise<void>;
}
