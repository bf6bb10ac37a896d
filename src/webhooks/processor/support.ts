import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { toHex } from '../bytes.js';
import type { VerifiedWebhook } from '../verify/types.js';
import type { WebhookProcessorOptions } from './processor.js';
import { routeIssues } from './routes.js';

/**
 * How long a run may take before another pass may pick the event up again.
 *
 * @example
 * ```ts
 * await store.compareAndSet(key, record, { ...record, claimedUntil: now + CLAIM_MS });
 * ```
 */
export const CLAIM_MS = 60_000;

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
  if (!Array.isArray(options?.verifiers) || options.verifiers.length === 0) issues.push({ path: ['verifiers'], message: 'Give at least one verifier.' });
  const seen = new Set<string>();
  (options?.verifiers ?? []).forEach((verifier, index) => {
    if (seen.has(verifier?.platform)) issues.push({ path: ['verifiers', index], message: `Two verifiers for platform "${verifier.platform}".` });
    seen.add(verifier?.platform);
  });
  if (typeof options?.routes !== 'object' || options.routes === null) issues.push({ path: ['routes'], message: 'Give handlers by platform and topic.' });
  else issues.push(...routeIssues(options.routes));
  const retry = options?.retry ?? {};
  for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = retry[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) issues.push({ path: ['retry', key], message: 'Expected a positive integer.' });
  }
  if (options?.dedupTtlMs !== undefined && !(options.dedupTtlMs > 0)) issues.push({ path: ['dedupTtlMs'], message: 'Expected a positive number of milliseconds.' });
  if (issues.length > 0) throw new ValidationError('webhook processor options', issues);
}

/**
 * The routing topic: from the verifier, else the payload's `type`/`topic`/`event` field.
 *
 * @example
 * ```ts
 * topicOf({ platform: 'app', body }, { type: 'order.created' }); // 'order.created'
 * ```
 */
export function topicOf(verified: VerifiedWebhook, payload: unknown): string {
  if (verified.topic) return verified.topic;
  const body = payload as Record<string, unknown> | null;
  for (const field of ['type', 'topic', 'event', 'event_type']) {
    const value = body?.[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'unknown';
}

/**
 * The deduplication id: the platform's, the payload's `id`, or a SHA-256 of the body.
 *
 * @example
 * ```ts
 * eventIdOf({ platform: 'app', body }, { id: 42 }); // '42' (a promise only for the body hash)
 * ```
 */
export function eventIdOf(verified: VerifiedWebhook, payload: unknown): string | Promise<string> {
  if (verified.eventId) return verified.eventId;
  const id = (payload as Record<string, unknown> | null)?.id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  return crypto.subtle.digest('SHA-256', verified.body as BufferSource).then((digest) => `sha256:${toHex(new Uint8Array(digest))}`);
}

