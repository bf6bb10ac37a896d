import type { Context } from '../../../core/context.js';
import type { MaybePromise } from '../../../core/types.js';

/**
 * A public key as eBay's Notification API returns it
 * (`GET /commerce/notification/v1/public_key/{public_key_id}`).
 *
 * @category Webhooks and notifications
 */
export interface EbayPublicKey {
  /** The key in PEM (SPKI). */
  key: string;
  /** `ECDSA`. */
  algorithm: string;
  /** `SHA1` (eBay's current digest). */
  digest: string;
}

/**
 * Fetches eBay's public key for a key id. Resolve `undefined` (or `null`) when eBay says the
 * key does not exist (404); throw for any other failure. Whatever it resolves or throws, the
 * verifier answers with a typed failure: `unknown_key` for `undefined`/`null`,
 * `key_fetch_failed` for a throw or a value that is not an {@link EbayPublicKey}.
 *
 * @category Webhooks and notifications
 */
export type EbayKeyFetcher = (kid: string, signal?: AbortSignal) => MaybePromise<EbayPublicKey | undefined | null>;

/**
 * Options of {@link createEbayKeyFetcher}.
 *
 * @example
 * ```ts
 * const options: EbayKeyFetcherOptions = { context, accessToken: () => appTokens.getAccessToken('app') };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface EbayKeyFetcherOptions {
  /** The fetch to use (default: the context's fetch). */
  fetch?: typeof globalThis.fetch;
  /** Where the default fetch comes from. */
  context?: Context;
  /** An eBay application access token (client-credentials grant). */
  accessToken: () => MaybePromise<string>;
  /** API base URL (default `https://api.ebay.com`; the sandbox is `https://api.sandbox.ebay.com`). */
  baseUrl?: string;
}

/**
 * An {@link EbayKeyFetcher} that calls eBay's Notification API with an application token.
 *
 * @example
 * ```ts
 * const fetchKey = createEbayKeyFetcher({ fetch: context.fetch, accessToken: () => tokens.getAccessToken('app') });
 * const verifier = createEbayVerifier({ fetchKey });
 * ```
 *
 * @category Webhooks and notifications
 */
export function createEbayKeyFetcher(options: EbayKeyFetcherOptions): EbayKeyFetcher {
  const base = (options.baseUrl ?? 'https://api.ebay.com').replace(/\/+$/, '');
  const fetchFn = options.fetch ?? options.context?.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (kid, signal) => {
    const token = await options.accessToken();
    const init: RequestInit = { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } };
    if (signal) init.signal = signal;
    const response = await fetchFn(`${base}/commerce/notification/v1/public_key/${encodeURIComponent(kid)}`, init);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`eBay public key request answered HTTP ${response.status}.`);
    const body = (await response.json()) as Partial<EbayPublicKey>;
    if (typeof body.key !== 'string') throw new Error('eBay public key response has no "key".');
    return { key: body.key, algorithm: String(body.algorithm ?? ''), digest: String(body.digest ?? '') };
  };
}
