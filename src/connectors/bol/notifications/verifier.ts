import { err, ok } from 'neverthrow';
import { systemClock, type Clock } from '../../../core/clock.js';
import { failure } from '../../../core/result.js';
import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import { fromBase64, fromUtf8 } from '../../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../../../webhooks/request.js';
import { MISMATCH_HINT, singleHeader } from '../../../webhooks/verify/request-checks.js';
import { throwIfIssues } from '../../../webhooks/verify/verifier-options.js';
import type { WebhookFailure, WebhookVerification, WebhookVerifier } from '../../../webhooks/verify/types.js';
import type { BolSignatureKey } from '../types.js';
import { bolEventId, parseBolPushEvent } from './events.js';
import { importBolPublicKey } from './keys.js';

/**
 * Options of {@link createBolVerifier}.
 *
 * @example
 * ```ts
 * const options: BolVerifierOptions = { fetchKeys: () => bol.notifications.signatureKeys(), keyTtlMs: 3_600_000 };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface BolVerifierOptions {
  /** Fetches bol.com's signature keys (`BolNotifications.signatureKeys`). */
  fetchKeys: (signal?: AbortSignal) => Promise<BolSignatureKey[]>;
  /** The clock of the key cache and the fetch budget (default: the system clock). */
  clock?: Clock;
  /** How long fetched keys are trusted (default 1 hour). */
  keyTtlMs?: number;
  /** Upper bound on key fetches per minute; past it, unknown key ids fail fast (default 6). */
  maxKeyFetchesPerMinute?: number;
  /** Platform name reported on verified webhooks (default `bol`). */
  platform?: string;
}

/**
 * The parts of bol.com's `signature` header.
 *
 * @example
 * ```ts
 * parseBolSignatureHeader('keyId=0, algorithm="rsa-sha256", signature=c2ln'); // { keyId: '0', algorithm: 'rsa-sha256', signature: 'c2ln' }
 * ```
 *
 * @category Webhooks and notifications
 */
export function parseBolSignatureHeader(
  value: string,
): { keyId: string; algorithm?: string; signature: string } | undefined {
  const parts: Record<string, string> = {};
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) return undefined;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    parts[name] = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  }
  const { keyId, algorithm, signature } = parts;
  if (!keyId || !signature) return undefined;
  return algorithm === undefined ? { keyId, signature } : { keyId, algorithm, signature };
}

const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Verifies bol.com push notifications. bol.com signs each pushed body with RSA (PKCS#1 v1.5,
 * SHA-256) and names the key in a `signature` header, `keyId=<id>, algorithm="rsa-sha256",
 * signature=<base64>`; its public keys come from `GET /subscriptions/signature-keys`. The
 * header's exact layout is documented by bol.com only by example (the key list says its `id`
 * "maps to the keyId value in the signature header"): this parser takes comma-separated
 * `name=value` pairs, quoted or not, and refuses anything without a key id and a signature, or
 * with an algorithm other than `rsa-sha256`. bol.com signs no timestamp, so a replayed body
 * verifies; the webhook processor's deduplication (by resource, type, id and timestamp) makes
 * a replay a `duplicate`. Keys are cached for `keyTtlMs` and fetched again for an unknown key
 * id at most `maxKeyFetchesPerMinute` times a minute, so forged key ids cannot amplify.
 *
 * @example
 * ```ts
 * const verifier = createBolVerifier({ fetchKeys: (signal) => bol.notifications.signatureKeys(signal) });
 * const processor = createWebhookProcessor({ verifiers: [verifier], routes: bolPushRoutes({ PROCESS_STATUS: onStatus }), context });
 * ```
 *
 * @category Webhooks and notifications
 */
export function createBolVerifier(options: BolVerifierOptions): WebhookVerifier {
  const issues: ValidationIssue[] = [];
  if (typeof options?.fetchKeys !== 'function')
    issues.push({
      path: ['fetchKeys'],
      message: 'Give a function that fetches the signature keys (bol.notifications.signatureKeys).',
    });
  for (const name of ['keyTtlMs', 'maxKeyFetchesPerMinute'] as const) {
    const value = options?.[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0))
      issues.push({ path: [name], message: 'Expected a positive number.' });
  }
  throwIfIssues('bol.com webhook verifier options', issues);
  const clock = options.clock ?? systemClock;
  const platform = options.platform ?? 'bol';
  const ttl = options.keyTtlMs ?? 3_600_000;
  const budget = options.maxKeyFetchesPerMinute ?? 6;
  let keys: { at: number; byId: Map<string, CryptoKey> } | undefined;
  let inflight: Promise<void> | undefined;
  let window = { start: -Infinity, used: 0 };

  const refresh = async (): Promise<WebhookFailure | undefined> => {
    const now = clock.now();
    if (now - window.start >= 60_000) window = { start: now, used: 0 };
    if (window.used >= budget)
      return failure(
        'key_fetch_failed',
        'The bol.com key fetch budget for this minute is spent; bol.com will deliver the event again.',
      );
    window.used++;
    try {
      inflight ??= (async () => {
        const byId = new Map<string, CryptoKey>();
        for (const key of await options.fetchKeys()) {
          if (key.type && key.type.toUpperCase() !== 'RSA') continue;
          const imported = await importBolPublicKey(key.publicKey);
          if (imported) byId.set(String(key.id), imported);
        }
        keys = { at: clock.now(), byId };
      })().finally(() => {
        inflight = undefined;
      });
      await inflight;
      return undefined;
    } catch {
      return failure(
        'key_fetch_failed',
        'Fetching the bol.com signature keys failed; bol.com will deliver the event again.',
      );
    }
  };

  const keyFor = async (keyId: string): Promise<CryptoKey | WebhookFailure> => {
    const fresh = keys && clock.now() - keys.at < ttl;
    const known = fresh ? keys!.byId.get(keyId) : undefined;
    if (known) return known;
    const failed = await refresh();
    if (failed) return failed;
    return keys?.byId.get(keyId) ?? failure('unknown_key', `bol.com has no signature key ${keyId}.`);
  };

  return {
    platform,
    async verify(request: WebhookRequest): Promise<WebhookVerification> {
      const header = singleHeader(request, 'signature');
      if (header.isErr()) return err(header.error);
      const parsed = parseBolSignatureHeader(header.value);
      if (!parsed)
        return err(
          failure(
            'malformed_signature',
            'The signature header must read keyId=<id>, algorithm="rsa-sha256", signature=<base64>.',
          ),
        );
      if (parsed.algorithm !== undefined && parsed.algorithm.toLowerCase() !== 'rsa-sha256')
        return err(
          failure('malformed_signature', `Only rsa-sha256 bol.com signatures are supported; got ${parsed.algorithm}.`),
        );
      if (!KEY_ID.test(parsed.keyId))
        return err(failure('invalid_kid', 'The bol.com key id has an impossible format; no key was fetched.'));
      const signature = fromBase64(parsed.signature);
      if (!signature || signature.length < 64)
        return err(failure('malformed_signature', 'The bol.com signature is not base64.'));
      const key = await keyFor(parsed.keyId);
      if ('reason' in key) return err(key);
      const body = bodyBytes(request);
      const valid = await crypto.subtle.verify(
        { name: 'RSASSA-PKCS1-v1_5' },
        key,
        signature as BufferSource,
        body as BufferSource,
      );
      if (!valid) return err(failure('signature_mismatch', `bol.com signature does not match. ${MISMATCH_HINT}`));
      let payload: unknown;
      try {
        payload = JSON.parse(fromUtf8(body));
      } catch {
        return err(failure('malformed_body', 'The bol.com push body is not JSON.'));
      }
      const event = parseBolPushEvent(payload);
      if (event.isErr()) return err(event.error);
      return ok({ platform, body, eventId: bolEventId(event.value), topic: event.value.event.resource });
    },
  };
}
