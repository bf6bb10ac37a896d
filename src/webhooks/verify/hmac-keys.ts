import { err, ok, type Result } from 'neverthrow';
import { failure } from '../../core/result.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { timingSafeEqual, utf8 } from '../../core/bytes.js';
import { headerValues, type WebhookRequest } from '../request.js';
import type { WebhookFailure } from './types.js';

/**
 * How far a signed timestamp may be from the receiver's clock, in either direction, unless a
 * verifier is configured otherwise: 5 minutes, as Standard Webhooks and Stripe use.
 *
 * @example
 * ```ts
 * createStandardWebhooksVerifier({ secrets, toleranceSeconds: DEFAULT_TOLERANCE_SECONDS });
 * ```
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The hash functions the HMAC verifiers support.
 *
 * @example
 * ```ts
 * const hash: HmacHash = 'SHA-256';
 * ```
 */
export type HmacHash = 'SHA-256' | 'SHA-1';

/**
 * Computes HMACs for the verifiers. The default uses Web Crypto (every runtime); on Node,
 * `nodeCryptoProvider` from `marketbridge/adapters/node` computes them synchronously with
 * `node:crypto`, which is several times faster for small bodies.
 *
 * @example
 * ```ts
 * const provider: HmacProvider = { hmac: (hash, key, data) => mySyncHmac(hash, key, data) };
 * const verifier = createShopifyVerifier({ secrets: [secret], hmac: provider });
 * ```
 */
export interface HmacProvider {
  /** The MAC of `data` under `key`. */
  hmac(hash: HmacHash, key: Uint8Array, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/**
 * HMAC keys imported once per verifier; signing and matching run on Web Crypto unless a provider is given.
 *
 * @example
 * ```ts
 * const keys = new HmacKeys([utf8(secret)], 'SHA-256'); const index = await keys.match(body, [signature]);
 * ```
 */
export class HmacKeys {
  readonly #raw: Uint8Array[];
  readonly #hash: HmacHash;
  readonly #provider: HmacProvider | undefined;
  #keys: Promise<CryptoKey[]> | undefined;

  constructor(raw: Uint8Array[], hash: HmacHash, provider?: HmacProvider) {
    this.#raw = raw;
    this.#hash = hash;
    this.#provider = provider;
  }

  get size(): number {
    return this.#raw.length;
  }

  #load(): Promise<CryptoKey[]> {
    this.#keys ??= Promise.all(
      this.#raw.map((key) =>
        crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: this.#hash }, false, ['sign']),
      ),
    );
    return this.#keys;
  }

  /** MACs of `data` under every key, in configuration order. */
  async macs(data: Uint8Array): Promise<Uint8Array[]> {
    const provider = this.#provider;
    if (provider) return Promise.all(this.#raw.map((key) => provider.hmac(this.#hash, key, data)));
    const keys = await this.#load();
    return Promise.all(keys.map(async (key) => new Uint8Array(await crypto.subtle.sign('HMAC', key, data as BufferSource))));
  }

  /**
   * The index of the first key whose MAC equals one of `candidates`, compared in constant time.
   * A synchronous provider is answered without a promise, which matters at high request rates.
   */
  match(data: Uint8Array, candidates: readonly Uint8Array[]): number | undefined | Promise<number | undefined> {
    if (candidates.length === 0) return undefined;
    const provider = this.#provider;
    if (provider) {
      const macs = this.#raw.map((key) => provider.hmac(this.#hash, key, data));
      if (macs.every((mac) => mac instanceof Uint8Array)) return firstMatch(macs as Uint8Array[], candidates);
      return Promise.all(macs).then((resolved) => firstMatch(resolved, candidates));
    }
    return this.macs(data).then((macs) => firstMatch(macs, candidates));
  }
}

function firstMatch(macs: readonly Uint8Array[], candidates: readonly Uint8Array[]): number | undefined {
  for (let index = 0; index < macs.length; index++) {
    let hit = false;
    for (const candidate of candidates) hit = timingSafeEqual(macs[index] as Uint8Array, candidate) || hit;
    if (hit) return index;
  }
  return undefined;
}

/**
 * Validates a list of secrets once, reporting every problem together.
 *
 * @example
 * ```ts
 * const raw = secretBytes('Shopify', options.secrets, issues);
 * ```
 */
export function secretBytes(what: string, secrets: unknown, issues: ValidationIssue[]): Uint8Array[] {
  if (!Array.isArray(secrets) || secrets.length === 0) {
    issues.push({ path: ['secrets'], message: 'Give at least one secret (several while rotating).' });
    return [];
  }
  const out: Uint8Array[] = [];
  secrets.forEach((secret: unknown, index) => {
    if (typeof secret === 'string' && secret.length > 0) out.push(utf8(secret));
    else if (secret instanceof Uint8Array && secret.length > 0) out.push(secret);
    else issues.push({ path: ['secrets', index], message: `Expected a non-empty string or Uint8Array for the ${what} secret.` });
  });
  return out;
}

/**
 * Throws one ValidationError listing every issue, if any.
 *
 * @example
 * ```ts
 * throwIfIssues('Shopify webhook verifier options', issues);
 * ```
 */
export function throwIfIssues(what: string, issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(what, issues);
}

/**
 * Validates a tolerance in seconds: a finite integer ≥ 0 (0 means "exactly now", never "off").
 *
 * @example
 * ```ts
 * const tolerance = checkTolerance(options.toleranceSeconds, issues);
 * ```
 */
export function checkTolerance(value: unknown, issues: ValidationIssue[]): number {
  if (value === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    issues.push({ path: ['toleranceSeconds'], message: 'Expected an integer number of seconds ≥ 0.' });
    return DEFAULT_TOLERANCE_SECONDS;
  }
  return value;
}

/**
 * The single value of a header that must appear exactly once.
 *
 * @example
 * ```ts
 * const header = singleHeader(request, 'webhook-id');
 * ```
 */
export function singleHeader(request: WebhookRequest, name: string): Result<string, WebhookFailure> {
  const values = headerValues(request, name);
  if (values.length === 0) return err(failure('missing_header', `The ${name} header is missing; is the request from the platform?`));
  if (values.length > 1) return err(failure('duplicate_header', `The ${name} header appears ${values.length} times; expected once.`));
  return ok(values[0] as string);
}

/**
 * Parses an epoch-seconds timestamp written as plain digits.
 *
 * @example
 * ```ts
 * parseTimestamp('1614265330'); // ok(1614265330)
 * ```
 */
export function parseTimestamp(text: string): Result<number, WebhookFailure> {
  if (!/^[0-9]{1,12}$/.test(text)) return err(failure('malformed_timestamp', 'The signed timestamp must be an integer number of seconds.'));
  return ok(Number(text));
}

/**
 * Checks `timestamp` (s) against `nowMs` in both directions.
 *
 * @example
 * ```ts
 * checkTimestamp(ts, clock.now(), 300);
 * ```
 */
export function checkTimestamp(timestamp: number, nowMs: number, toleranceSeconds: number): Result<number, WebhookFailure> {
  const nowSeconds = Math.floor(nowMs / 1000);
  if (timestamp < nowSeconds - toleranceSeconds) {
    return err(failure('timestamp_too_old', `The signed timestamp is more than ${toleranceSeconds} s old; replays are rejected.`));
  }
  if (timestamp > nowSeconds + toleranceSeconds) {
    return err(failure('timestamp_in_future', `The signed timestamp is more than ${toleranceSeconds} s in the future; check the clocks.`));
  }
  return ok(timestamp);
}

/**
 * The hint every signature mismatch carries.
 *
 * @example
 * ```ts
 * failure('signature_mismatch', `Signature does not match. ${MISMATCH_HINT}`);
 * ```
 */
export const MISMATCH_HINT = 'Verify the raw body bytes exactly as received (not a re-serialised object) with the endpoint secret.';
