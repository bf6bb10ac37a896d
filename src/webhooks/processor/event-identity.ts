import { toHex } from '../../core/bytes.js';
import type { VerifiedWebhook } from '../verify/types.js';

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
  return crypto.subtle
    .digest('SHA-256', verified.body as BufferSource)
    .then((digest) => `sha256:${toHex(new Uint8Array(digest))}`);
}
