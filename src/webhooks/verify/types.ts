import type { Result } from 'neverthrow';
import type { MaybePromise } from '../../core/types.js';
import type { Failure } from '../../core/result.js';
import type { WebhookRequest } from '../request.js';

/**
 * Why a webhook was rejected.
 *
 * - `missing_header`: a required header is absent.
 * - `duplicate_header`: a header that must appear once appears several times.
 * - `malformed_signature`: the signature header cannot be parsed.
 * - `signature_mismatch`: no signature matches any configured secret or key.
 * - `missing_timestamp` / `malformed_timestamp`: the signed timestamp is absent or not an integer.
 * - `timestamp_too_old` / `timestamp_in_future`: outside the tolerance window.
 * - `invalid_kid`: a key id with an impossible format (rejected before any fetch).
 * - `unknown_key`: the key id is not known upstream.
 * - `key_fetch_failed`: the key could not be fetched (or the fetch budget is spent).
 * - `malformed_body`: the body is not the JSON the platform sends.
 * - `unknown_topic`: a topic this endpoint does not accept.
 * - `wrong_application`: the notification is for another application.
 * - `resource_not_confirmed`: the notified resource could not be confirmed upstream.
 *
 * @category Verifiers
 */
export type WebhookFailureReason =
  | 'missing_header'
  | 'duplicate_header'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'invalid_kid'
  | 'unknown_key'
  | 'key_fetch_failed'
  | 'malformed_body'
  | 'unknown_topic'
  | 'wrong_application'
  | 'resource_not_confirmed';

/**
 * A rejected webhook: the reason and a message that says how to fix it. Never carries secrets.
 *
 * @category Verifiers
 */
export type WebhookFailure = Failure<WebhookFailureReason>;

/**
 * A webhook whose authenticity was established.
 *
 * @example
 * ```ts
 * const verified: VerifiedWebhook = result._unsafeUnwrap();
 * console.log(verified.platform, verified.topic, verified.eventId);
 * ```
 *
 * @category Verifiers
 */
export interface VerifiedWebhook {
  /** The platform the verifier checks for. */
  platform: string;
  /** The exact bytes that were verified. */
  body: Uint8Array;
  /** The platform's event id (deduplication key), when it sends one. */
  eventId?: string;
  /** The topic, when the request names it. */
  topic?: string;
  /** The signed timestamp (epoch seconds), when the scheme has one. */
  timestamp?: number;
  /** For signature schemes with several secrets: the index of the secret that matched. */
  secretIndex?: number;
}

/**
 * The outcome of {@link WebhookVerifier.verify}.
 *
 * @category Verifiers
 */
export type WebhookVerification = Result<VerifiedWebhook, WebhookFailure>;

/**
 * Checks that a webhook request is authentic. Verifiers never throw for bad input: every
 * rejection is an `err` with a {@link WebhookFailureReason}.
 *
 * @example
 * ```ts
 * const verifier: WebhookVerifier = createShopifyVerifier({ secrets: [process.env.SHOPIFY_SECRET!] });
 * const result = await verifier.verify({ headers, body });
 * ```
 *
 * @category Verifiers
 */
export interface WebhookVerifier {
  /** The platform name the verifier checks for. */
  readonly platform: string;
  /** Verifies the raw request. */
  verify(request: WebhookRequest): MaybePromise<WebhookVerification>;
}
