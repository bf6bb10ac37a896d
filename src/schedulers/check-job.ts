import { ValidationError } from '../core/errors/validation-error.js';
import type { ScheduledJob } from '../core/scheduler.js';

/**
 * Rejects a job that cannot be queued, every problem at once.
 *
 * @example
 * ```ts
 * checkJob({ name: 'marketbridge.sync.run', payload: {} });
 * ```
 */
export function checkJob(job: ScheduledJob): void {
  const issues = [];
  if (typeof job?.name !== 'string' || job.name === '')
    issues.push({ path: ['name'], message: 'Give the job a non-empty name.' });
  if (job?.runAt !== undefined && !Number.isFinite(job.runAt))
    issues.push({ path: ['runAt'], message: 'Expected epoch milliseconds.' });
  if (job?.key !== undefined && (typeof job.key !== 'string' || job.key === ''))
    issues.push({ path: ['key'], message: 'Expected a non-empty string.' });
  try {
    if (JSON.stringify(job?.payload ?? null) === undefined) throw new Error('not JSON');
  } catch {
    issues.push({ path: ['payload'], message: 'The payload must be JSON-serialisable.' });
  }
  if (issues.length) throw new ValidationError('scheduled job', issues);
}
