import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { WebhookProcessorOptions } from './processor.js';
import { routeIssues } from './routes.js';

/**
 * Validates the processor options once, every problem together.
 *
 * @example
 * ```ts
 * validateProcessorOptions({ verifiers: [], routes: {} }); // throws ValidationError
 * ```
 */
export function validateProcessorOptions(options: WebhookProcessorOptions): void {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(options?.verifiers) || options.verifiers.length === 0)
    issues.push({ path: ['verifiers'], message: 'Give at least one verifier.' });
  const seen = new Set<string>();
  (options?.verifiers ?? []).forEach((verifier, index) => {
    if (seen.has(verifier?.platform))
      issues.push({ path: ['verifiers', index], message: `Two verifiers for platform "${verifier.platform}".` });
    seen.add(verifier?.platform);
  });
  if (typeof options?.routes !== 'object' || options.routes === null)
    issues.push({ path: ['routes'], message: 'Give handlers by platform and topic.' });
  else issues.push(...routeIssues(options.routes));
  const retry = options?.retry ?? {};
  for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = retry[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
      issues.push({ path: ['retry', key], message: 'Expected a positive integer.' });
  }
  if (options?.dedupTtlMs !== undefined && !(options.dedupTtlMs > 0))
    issues.push({ path: ['dedupTtlMs'], message: 'Expected a positive number of milliseconds.' });
  if (issues.length > 0) throw new ValidationError('webhook processor options', issues);
}
