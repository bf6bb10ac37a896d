import type { ValidationIssue } from '../../core/errors/validation-error.js';
import { timingSafeEqual, utf8 } from '../../core/bytes.js';

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
