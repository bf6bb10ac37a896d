import type { ValidationIssue } from '../../core/errors/validation-error.js';
import { timingSafeEqual, utf8 } from '../../core/bytes.js';
import { defaultHmacProvider, type HmacHash, type HmacProvider } from './hmac-provider.js';

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
    else
      issues.push({
        path: ['secrets', index],
        message: `Expected a non-empty string or Uint8Array for the ${what} secret.`,
      });
  });
  return out;
}
