import { err, ok, type Result } from 'neverthrow';
import { failure } from '../../core/result.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { timingSafeEqual, utf8 } from '../bytes.js';
import { headerValues, type WebhookRequest } from '../request.js';
import type { WebhookFailure } from './types.js';
import { defaultHmacProvider, type HmacHash, type HmacProvider } from './hmac-provider.js';

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

export type { HmacHash, HmacProvider } from './hmac-provider.js';

/**
 * HMAC keys of one verifier, with the provider that computes their MACs (by default
 * {@link defaultHmacProvider}: `node:crypto` where the runtime has it, else Web Crypto).
 *
 * @example
 * ```ts
 * const keys = new HmacKeys([utf8(secret)], 'SHA-256'); const index = await keys.match(body, [signature]);
 * ```
 */
export class HmacKeys {
  readonly #raw: Uint8Array[];
  readonly #hash: HmacHash;
  readonly #provider: HmacProvider;

  constructor(raw: Uint8Array[], hash: HmacHash, provider?: HmacProvider) {
    this.#raw = raw;
    this.#hash = hash;
    this.#provider = provider ?? defaultHmacProvider();
  }

  get size(): number {
    return this.#raw.length;
  }

  /** MACs of `data` under every key, in configuration order. */
  macs(data: Uint8Array): Promise<Uint8Array[]> {
    return Promise.all(this.#raw.map((key) => this.#provider.hmac(this.#hash, key, data)));
  }

  /**
   * The index of the first key whose MAC equals one of `candidates`, compared in constant time.
   * A synchronous provider is answered without a promise, which matters at high request rates.
   */
  match(data: Uint8Array, candidates: readonly Uint8Array[]): number | undefined | Promise<number | undefined> {
    if (candidates.length === 0) return undefined;
    const macs: (Uint8Array | Promise<Uint8Array>)[] = [];
    let pending = false;
    for (const key of this.#raw) {
      const mac = this.#provider.hmac(this.#hash, key, data);
      if (!(mac instanceof Uint8Array)) pending = true;
      macs.push(mac);
    }
    if (!pending) return firstMatch(macs as Uint8Array[], candidates);
    return Promise.all(macs).then((resolved) => firstMatch(resolved, candidates));
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
  return exactlyOnce(name, headerValues(request, name));
}

/**
 * The one value of header `name` among `values` (as {@link headerValues} found them), or why
 * there is not exactly one.
 *
 * @example
 * ```ts
 * const [signatures] = headersValues(request, ['x-signature']);
 * const signature = exactlyOnce('x-signature', signatures);
 * ```
 */
export function exactlyOnce(name: string, values: readonly string[]): Result<string, WebhookFailure> {
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
