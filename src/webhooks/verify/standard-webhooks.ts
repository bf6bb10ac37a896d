import { err, ok } from 'neverthrow';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { failure } from '../../core/result.js';
import type { ValidationIssue } from '../../core/errors/validation-error.js';
import { concatBytes, fromBase64, utf8 } from '../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../request.js';
import { HmacKeys } from './hmac-keys.js';
import { checkTimestamp, MISMATCH_HINT, parseTimestamp, singleHeader } from './request-checks.js';
import { checkTolerance, throwIfIssues } from './verifier-options.js';
import type { HmacProvider } from './hmac-keys.js';
import type { WebhookVerification, WebhookVerifier } from './types.js';

/**
 * Options of {@link createStandardWebhooksVerifier}.
 *
 * @example
 * ```ts
 * const options: StandardWebhooksVerifierOptions = { secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] };
 * ```
 *
 * @category Verifiers
 */
export interface StandardWebhooksVerifierOptions {
  /** How HMACs are computed (default: `node:crypto` where the runtime has it, else Web Crypto; see `HmacProvider`). */
  hmac?: HmacProvider;
  /** `whsec_`-prefixed base64 secrets; several while rotating (any may match). */
  secrets: readonly string[];
  /** Allowed clock difference in seconds, both directions (default 300; 0 means exactly now). */
  toleranceSeconds?: number;
  /** The clock to compare timestamps with (default: the system clock). */
  clock?: Clock;
  /** Platform name reported on verified webhooks (default `standard-webhooks`). */
  platform?: string;
}

/**
 * Decodes a `whsec_` secret to its key bytes; `undefined` when malformed.
 *
 * @example
 * ```ts
 * decodeStandardWebhooksSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')?.length; // 24
 * ```
 *
 * @category Verifiers
 */
export function decodeStandardWebhooksSecret(secret: string): Uint8Array | undefined {
  const body = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const bytes = fromBase64(body);
  return bytes && bytes.length > 0 ? bytes : undefined;
}

/**
 * Verifies Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`): the
 * signature is base64 HMAC-SHA256 of `id.timestamp.body`; the header may carry several
 * space-separated `v1,<sig>` entries; the timestamp must lie within the tolerance in both
 * directions.
 *
 * @example
 * ```ts
 * const verifier = createStandardWebhooksVerifier({ secrets: [process.env.WEBHOOK_SECRET!] });
 * const result = await verifier.verify({ headers: request.headers, body: rawBody });
 * ```
 *
 * @category Verifiers
 */
export function createStandardWebhooksVerifier(options: StandardWebhooksVerifierOptions): WebhookVerifier {
  const issues: ValidationIssue[] = [];
  const raw: Uint8Array[] = [];
  if (!Array.isArray(options?.secrets) || options.secrets.length === 0) {
    issues.push({ path: ['secrets'], message: 'Give at least one whsec_ secret (several while rotating).' });
  } else {
    options.secrets.forEach((secret, index) => {
      const bytes = typeof secret === 'string' ? decodeStandardWebhooksSecret(secret) : undefined;
      if (bytes) raw.push(bytes);
      else issues.push({ path: ['secrets', index], message: 'Expected "whsec_" followed by base64.' });
    });
  }
  const tolerance = checkTolerance(options?.toleranceSeconds, issues);
  throwIfIssues('Standard Webhooks verifier options', issues);
  const keys = new HmacKeys(raw, 'SHA-256', options?.hmac);
  const clock = options.clock ?? systemClock;
  const platform = options.platform ?? 'standard-webhooks';
  return {
    platform,
    async verify(request: WebhookRequest): Promise<WebhookVerification> {
      const id = singleHeader(request, 'webhook-id');
      if (id.isErr()) return err(id.error);
      const stamp = singleHeader(request, 'webhook-timestamp');
      if (stamp.isErr()) return err(stamp.error);
      const header = singleHeader(request, 'webhook-signature');
      if (header.isErr()) return err(header.error);
      const timestamp = parseTimestamp(stamp.value).andThen((t) => checkTimestamp(t, clock.now(), tolerance));
      if (timestamp.isErr()) return err(timestamp.error);
      const candidates: Uint8Array[] = [];
      for (const entry of header.value.split(' ')) {
        const comma = entry.indexOf(',');
        if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
        const signature = fromBase64(entry.slice(comma + 1));
        if (signature?.length === 32) candidates.push(signature);
      }
      if (candidates.length === 0)
        return err(failure('malformed_signature', 'webhook-signature holds no "v1,<base64>" entry.'));
      const body = bodyBytes(request);
      const signed = concatBytes(utf8(`${id.value}.${stamp.value}.`), body);
      const index = await keys.match(signed, candidates);
      if (index === undefined)
        return err(failure('signature_mismatch', `Standard Webhooks signature does not match. ${MISMATCH_HINT}`));
      return ok({ platform, body, eventId: id.value, timestamp: timestamp.value, secretIndex: index });
    },
  };
}
