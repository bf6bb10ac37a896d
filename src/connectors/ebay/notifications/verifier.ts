import { LRUCache } from 'lru-cache';
import { err, ok } from 'neverthrow';
import type { Clock } from '../../../core/clock.js';
import { systemClock } from '../../../core/clock.js';
import { failure } from '../../../core/result.js';
import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import { fromBase64, fromUtf8 } from '../../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../../../webhooks/request.js';
import { MISMATCH_HINT, singleHeader } from '../../../webhooks/verify/request-checks.js';
import { throwIfIssues } from '../../../webhooks/verify/verifier-options.js';
import { derToP1363, importEcdsaPublicKey } from '../../../webhooks/verify/ecdsa.js';
import type { EbayKeyFetcher } from './key-fetcher.js';
import type { WebhookFailure, WebhookVerification, WebhookVerifier } from '../../../webhooks/verify/types.js';

/**
 * The `kid` format eBay uses (a UUID). Anything else is rejected before any key fetch.
 *
 * @example
 * ```ts
 * EBAY_KID_PATTERN.test('9936261a-7d7b-4621-a0f1-96ccb428af49'); // true
 * ```
 *
 * @category Webhooks and notifications
 */
export const EBAY_KID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Options of {@link createEbayVerifier}.
 *
 * @example
 * ```ts
 * const options: EbayVerifierOptions = { fetchKey, keyTtlMs: 60 * 60_000, maxKeyFetchesPerMinute: 10 };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface EbayVerifierOptions {
  /** Fetches a public key by id (see `createEbayKeyFetcher`). */
  fetchKey: EbayKeyFetcher;
  /** The clock for cache expiry and the fetch budget (default: the system clock). */
  clock?: Clock;
  /** How long a fetched key is cached (default 1 hour). */
  keyTtlMs?: number;
  /** How long "no such key" is remembered (default 5 minutes). */
  missingKeyTtlMs?: number;
  /** How many keys are cached at most (default 100). */
  maxCachedKeys?: number;
  /** Upper bound on upstream key fetches per minute; past it, unknown kids fail fast (default 10). */
  maxKeyFetchesPerMinute?: number;
  /** Platform name reported on verified webhooks (default `ebay`). */
  platform?: string;
}

type CachedKey = { key: CryptoKey } | { missing: true };

interface SignatureHeader {
  alg: string;
  kid: string;
  signature: string;
  digest: string;
}

function parseHeader(value: string): SignatureHeader | undefined {
  const bytes = fromBase64(value.trim());
  if (!bytes) return undefined;
  try {
    const parsed = JSON.parse(fromUtf8(bytes)) as Record<string, unknown>;
    const { alg, kid, signature, digest } = parsed;
    if (
      typeof alg !== 'string' ||
      typeof kid !== 'string' ||
      typeof signature !== 'string' ||
      typeof digest !== 'string'
    )
      return undefined;
    return { alg, kid, signature, digest };
  } catch {
    return undefined;
  }
}

function positive(value: unknown, name: string, fallback: number, issues: ValidationIssue[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    issues.push({ path: [name], message: 'Expected a positive number.' });
    return fallback;
  }
  return value;
}

/**
 * Verifies eBay notifications: `X-EBAY-SIGNATURE` is base64 JSON naming a key id and a DER
 * ECDSA (P-256, SHA-1) signature of the raw body. The key id's format is checked before any
 * fetch, keys (and "no such key" answers) are cached with a TTL in a bounded LRU, concurrent
 * requests for one key share one fetch, and upstream fetches are capped per minute, so forged
 * key ids cannot turn the endpoint into a request amplifier.
 *
 * @example
 * ```ts
 * const verifier = createEbayVerifier({
 *   fetchKey: createEbayKeyFetcher({ fetch: context.fetch, accessToken: () => appToken() }),
 * });
 * const result = await verifier.verify({ headers: req.headers, body: rawBody });
 * ```
 *
 * @category Webhooks and notifications
 */
export function createEbayVerifier(options: EbayVerifierOptions): WebhookVerifier {
  const issues: ValidationIssue[] = [];
  if (typeof options?.fetchKey !== 'function')
    issues.push({ path: ['fetchKey'], message: 'Give a key fetcher (createEbayKeyFetcher).' });
  const keyTtl = positive(options?.keyTtlMs, 'keyTtlMs', 60 * 60_000, issues);
  const missingTtl = positive(options?.missingKeyTtlMs, 'missingKeyTtlMs', 5 * 60_000, issues);
  const maxKeys = positive(options?.maxCachedKeys, 'maxCachedKeys', 100, issues);
  const budget = positive(options?.maxKeyFetchesPerMinute, 'maxKeyFetchesPerMinute', 10, issues);
  throwIfIssues('eBay webhook verifier options', issues);
  const clock = options.clock ?? systemClock;
  const platform = options.platform ?? 'ebay';
  const cache = new LRUCache<string, CachedKey>({
    max: Math.floor(maxKeys),
    perf: { now: () => clock.now() },
    ttlAutopurge: false,
    ttlResolution: 0,
  });
  const inflight = new Map<string, Promise<CachedKey | WebhookFailure>>();
  let window = { start: -Infinity, used: 0 };

  const load = async (kid: string): Promise<CachedKey | WebhookFailure> => {
    const cached = cache.get(kid);
    if (cached) return cached;
    const now = clock.now();
    if (now - window.start >= 60_000) window = { start: now, used: 0 };
    if (window.used >= budget)
      return failure(
        'key_fetch_failed',
        'The eBay key fetch budget for this minute is spent; the notification will be redelivered.',
      );
    window.used++;
    let fetched: Awaited<ReturnType<typeof options.fetchKey>>;
    try {
      fetched = await options.fetchKey(kid);
    } catch {
      return failure('key_fetch_failed', 'Fetching the eBay public key failed; the notification will be redelivered.');
    }
    // `null` is how many lookups say "not found"; treat it like the documented `undefined`.
    if (fetched === undefined || fetched === null) {
      const entry: CachedKey = { missing: true };
      cache.set(kid, entry, { ttl: missingTtl });
      return entry;
    }
    if (typeof fetched !== 'object' || typeof fetched.key !== 'string' || typeof fetched.algorithm !== 'string') {
      return failure(
        'key_fetch_failed',
        'The eBay key fetcher returned neither a { key, algorithm } object nor undefined.',
      );
    }
    const imported = /^ecdsa$/i.test(fetched.algorithm) ? await importEcdsaPublicKey(fetched.key) : undefined;
    if (!imported) return failure('key_fetch_failed', 'The eBay public key is not a P-256 ECDSA key in PEM.');
    const entry: CachedKey = { key: imported };
    cache.set(kid, entry, { ttl: keyTtl });
    return entry;
  };

  const keyFor = (kid: string): Promise<CachedKey | WebhookFailure> => {
    let pending = inflight.get(kid);
    if (!pending) {
      pending = load(kid).finally(() => inflight.delete(kid));
      inflight.set(kid, pending);
    }
    return pending;
  };

  return {
    platform,
    async verify(request: WebhookRequest): Promise<WebhookVerification> {
      const header = singleHeader(request, 'x-ebay-signature');
      if (header.isErr()) return err(header.error);
      const parsed = parseHeader(header.value);
      if (!parsed)
        return err(
          failure('malformed_signature', 'X-EBAY-SIGNATURE must be base64 JSON with alg, kid, signature and digest.'),
        );
      if (!EBAY_KID_PATTERN.test(parsed.kid))
        return err(failure('invalid_kid', 'The eBay key id is not a UUID; no key was fetched.'));
      if (parsed.alg.toLowerCase() !== 'ecdsa' || parsed.digest.toUpperCase() !== 'SHA1') {
        return err(failure('malformed_signature', 'Only ECDSA with SHA1 eBay signatures are supported.'));
      }
      const der = fromBase64(parsed.signature);
      const signature = der ? derToP1363(der) : undefined;
      if (!signature) return err(failure('malformed_signature', 'The eBay signature is not a DER ECDSA signature.'));
      const entry = await keyFor(parsed.kid);
      if ('reason' in entry) return err(entry);
      if ('missing' in entry) return err(failure('unknown_key', 'eBay does not know this key id.'));
      const body = bodyBytes(request);
      const valid = await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-1' },
        entry.key,
        signature as BufferSource,
        body as BufferSource,
      );
      if (!valid) return err(failure('signature_mismatch', `eBay signature does not match. ${MISMATCH_HINT}`));
      const verified: { platform: string; body: Uint8Array; eventId?: string; topic?: string } = { platform, body };
      try {
        const message = JSON.parse(fromUtf8(body)) as {
          metadata?: { topic?: unknown };
          notification?: { notificationId?: unknown };
        };
        if (typeof message.notification?.notificationId === 'string')
          verified.eventId = message.notification.notificationId;
        if (typeof message.metadata?.topic === 'string') verified.topic = message.metadata.topic;
      } catch {
        return err(failure('malformed_body', 'The eBay notification body is not JSON.'));
      }
      return ok(verified);
    },
  };
}
