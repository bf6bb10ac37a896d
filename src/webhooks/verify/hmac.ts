import { err, ok } from 'neverthrow';
import { failure } from '../../core/result.js';
import type { ValidationIssue } from '../../core/errors/validation-error.js';
import { fromBase64, fromHex } from '../../core/bytes.js';
import { bodyBytes, headersValues, type WebhookRequest } from '../request.js';
import { HmacKeys, secretBytes, type HmacHash } from './hmac-keys.js';
import { exactlyOnce, MISMATCH_HINT } from './request-checks.js';
import { throwIfIssues } from './verifier-options.js';
import type { HmacProvider } from './hmac-keys.js';
import type { MaybePromise } from '../../core/types.js';
import type { VerifiedWebhook, WebhookVerification, WebhookVerifier } from './types.js';

/**
 * Options of {@link createHmacVerifier}.
 *
 * @example
 * ```ts
 * const options: HmacVerifierOptions = {
 *   platform: 'github',
 *   secrets: [secret],
 *   header: 'X-Hub-Signature-256',
 *   prefix: 'sha256=',
 *   hash: 'SHA-256',
 *   encoding: 'hex',
 * };
 * ```
 *
 * @category Verifiers
 */
export interface HmacVerifierOptions {
  /** How HMACs are computed (default: `node:crypto` where the runtime has it, else Web Crypto; see `HmacProvider`). */
  hmac?: HmacProvider;
  /** Platform name reported on verified webhooks. */
  platform: string;
  /** The shared secret(s); several while rotating. */
  secrets: readonly (string | Uint8Array)[];
  /** The header that carries the signature. */
  header: string;
  /** The hash (default `SHA-256`). */
  hash?: HmacHash;
  /** How the signature is written (default `hex`). */
  encoding?: 'hex' | 'base64';
  /** A fixed prefix before the signature, e.g. `sha256=` (default none). */
  prefix?: string;
  /** Header holding the event id, for deduplication. */
  eventIdHeader?: string;
  /** Header holding the topic, for routing. */
  topicHeader?: string;
}

/**
 * Verifies the common "HMAC of the raw body in a header" scheme with SHA-256 or SHA-1, written
 * in hex or base64, with an optional prefix such as `sha256=`.
 *
 * @example
 * ```ts
 * const verifier = createHmacVerifier({ platform: 'bol', secrets: [secret], header: 'signature' });
 * const result = await verifier.verify({ headers, body });
 * ```
 *
 * @category Verifiers
 */
export function createHmacVerifier(options: HmacVerifierOptions): WebhookVerifier {
  const issues: ValidationIssue[] = [];
  if (typeof options?.platform !== 'string' || options.platform === '')
    issues.push({ path: ['platform'], message: 'Name the platform.' });
  if (typeof options?.header !== 'string' || !/^[A-Za-z0-9-]+$/.test(options.header)) {
    issues.push({ path: ['header'], message: 'Give the signature header name, e.g. "X-Signature".' });
  }
  const hash = options?.hash ?? 'SHA-256';
  if (hash !== 'SHA-256' && hash !== 'SHA-1') issues.push({ path: ['hash'], message: 'Use "SHA-256" or "SHA-1".' });
  const encoding = options?.encoding ?? 'hex';
  if (encoding !== 'hex' && encoding !== 'base64')
    issues.push({ path: ['encoding'], message: 'Use "hex" or "base64".' });
  const keys = new HmacKeys(secretBytes(options?.platform ?? 'HMAC', options?.secrets, issues), hash, options?.hmac);
  throwIfIssues('HMAC webhook verifier options', issues);
  const prefix = options.prefix ?? '';
  const macLength = hash === 'SHA-256' ? 32 : 20;
  // The signature, event id and topic headers, read in one pass.
  const names = [options.header, options.eventIdHeader ?? '', options.topicHeader ?? ''].map((name) =>
    name.toLowerCase(),
  );
  const pick = (values: string[], name: string | undefined) => (name && values.length === 1 ? values[0] : undefined);
  const verified = (found: string[][], body: Uint8Array, index: number | undefined): WebhookVerification => {
    if (index === undefined)
      return err(failure('signature_mismatch', `${options.platform} signature does not match. ${MISMATCH_HINT}`));
    const verified: VerifiedWebhook = { platform: options.platform, body, secretIndex: index };
    const eventId = pick(found[1]!, options.eventIdHeader);
    const topic = pick(found[2]!, options.topicHeader);
    if (eventId !== undefined) verified.eventId = eventId;
    if (topic !== undefined) verified.topic = topic;
    return ok(verified);
  };
  return {
    platform: options.platform,
    // Synchronous when the HMAC provider is (node:crypto): no promise per webhook.
    verify(request: WebhookRequest): MaybePromise<WebhookVerification> {
      const found = headersValues(request, names);
      const header = exactlyOnce(options.header, found[0]!);
      if (header.isErr()) return err(header.error);
      const text = header.value.trim();
      if (!text.startsWith(prefix))
        return err(failure('malformed_signature', `The ${options.header} header must start with "${prefix}".`));
      const encoded = text.slice(prefix.length);
      const signature = encoding === 'hex' ? fromHex(encoded) : fromBase64(encoded);
      if (!signature || signature.length !== macLength) {
        return err(
          failure('malformed_signature', `The ${options.header} header must hold a ${encoding} ${hash} HMAC.`),
        );
      }
      const body = bodyBytes(request);
      const index = keys.match(body, [signature]);
      return index instanceof Promise
        ? index.then((match) => verified(found, body, match))
        : verified(found, body, index);
    },
  };
}
