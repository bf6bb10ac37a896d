import { err, ok } from 'neverthrow';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { failure } from '../../core/result.js';
import type { ValidationIssue } from '../../core/errors/validation-error.js';
import { concatBytes, fromHex, utf8 } from '../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../request.js';
import { HmacKeys, secretBytes } from './hmac-keys.js';
import { checkTimestamp, MISMATCH_HINT, parseTimestamp, singleHeader } from './request-checks.js';
import { checkTolerance, throwIfIssues } from './verifier-options.js';
import type { HmacProvider } from './hmac-keys.js';
import type { WebhookVerification, WebhookVerifier } from './types.js';

/**
 * Options of {@link createStripeStyleVerifier}.
 *
 * @example
 * ```ts
 * const options: StripeStyleVerifierOptions = { platform: 'stripe', secrets: ['whsec_...'] };
 * ```
 *
 * @category Verifiers
 */
export interface StripeStyleVerifierOptions {
  /** How HMACs are computed (default: `node:crypto` where the runtime has it, else Web Crypto; see `HmacProvider`). */
  hmac?: HmacProvider;
  /** Platform name reported on verified webhooks. */
  platform: string;
  /** Endpoint secret(s), used as given; several while rotating. */
  secrets: readonly (string | Uint8Array)[];
  /** The header (default `Stripe-Signature`). */
  header?: string;
  /** Allowed clock difference in seconds, both directions (default 300; 0 means exactly now). */
  toleranceSeconds?: number;
  /** The clock to compare timestamps with (default: the system clock). */
  clock?: Clock;
}

/**
 * Verifies `t=<seconds>,v1=<hex>[,v1=<hex>...]` signatures: hex HMAC-SHA256 of `t.body`. Any
 * `v1` entry may match (rotation); other schemes (`v0`) are ignored.
 *
 * @example
 * ```ts
 * const verifier = createStripeStyleVerifier({ platform: 'stripe', secrets: [endpointSecret] });
 * const result = await verifier.verify({ headers, body: rawBody });
 * ```
 *
 * @category Verifiers
 */
export function createStripeStyleVerifier(options: StripeStyleVerifierOptions): WebhookVerifier {
  const issues: ValidationIssue[] = [];
  if (typeof options?.platform !== 'string' || options.platform === '')
    issues.push({ path: ['platform'], message: 'Name the platform.' });
  const keys = new HmacKeys(secretBytes('signing', options?.secrets, issues), 'SHA-256', options?.hmac);
  const tolerance = checkTolerance(options?.toleranceSeconds, issues);
  throwIfIssues('Stripe-style webhook verifier options', issues);
  const headerName = options.header ?? 'stripe-signature';
  const clock = options.clock ?? systemClock;
  return {
    platform: options.platform,
    async verify(request: WebhookRequest): Promise<WebhookVerification> {
      const header = singleHeader(request, headerName);
      if (header.isErr()) return err(header.error);
      let stamp: string | undefined;
      const candidates: Uint8Array[] = [];
      for (const part of header.value.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 0) continue;
        const key = part.slice(0, eq);
        const value = part.slice(eq + 1);
        if (key === 't') {
          if (stamp !== undefined) return err(failure('malformed_signature', `${headerName} has more than one t=.`));
          stamp = value;
        } else if (key === 'v1') {
          const signature = fromHex(value);
          if (signature?.length === 32) candidates.push(signature);
        }
      }
      if (stamp === undefined) return err(failure('missing_timestamp', `${headerName} has no t=<seconds>.`));
      const timestamp = parseTimestamp(stamp).andThen((t) => checkTimestamp(t, clock.now(), tolerance));
      if (timestamp.isErr()) return err(timestamp.error);
      if (candidates.length === 0)
        return err(failure('malformed_signature', `${headerName} has no v1=<hex> signature.`));
      const body = bodyBytes(request);
      const index = await keys.match(concatBytes(utf8(`${stamp}.`), body), candidates);
      if (index === undefined)
        return err(failure('signature_mismatch', `${options.platform} signature does not match. ${MISMATCH_HINT}`));
      return ok({ platform: options.platform, body, timestamp: timestamp.value, secretIndex: index });
    },
  };
}
