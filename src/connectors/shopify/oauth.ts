import { err, ok, type Result } from 'neverthrow';
import type { AuthHook } from '../../core/auth-hook.js';
import { createContext, type Context, type ResolvedContext } from '../../core/context.js';
import { AuthError } from '../../core/errors/auth-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import { failure, type Failure } from '../../core/result.js';
import type { AuthorizationComplete, AuthorizationFailureReason } from '../../auth/authorization.js';
import { OAuthClient } from '../../auth/oauth-client.js';
import { normalizeShopDomain } from './shop-domain.js';
import { verifyShopifySessionToken } from './session-token.js';
import { toHex } from '../../core/bytes.js';

/**
 * Your Shopify app's credentials and what it asks for.
 *
 * @example
 * ```ts
 * const config: ShopifyOAuthConfig = {
 *   clientId: process.env.SHOPIFY_API_KEY!, clientSecret: process.env.SHOPIFY_API_SECRET!,
 *   scopes: ['read_products', 'write_inventory'], redirectUri: 'https://app.example/auth/callback',
 * };
 * ```
 *
 * @category Authorization
 */
export interface ShopifyOAuthConfig {
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  redirectUri: string;
  /** Ask for expiring offline tokens with a refresh token (default true). */
  expiringOfflineTokens?: boolean;
  /** Oldest accepted callback `timestamp`, seconds (default 3,600). */
  callbackMaxAgeSeconds?: number;
}

/**
 * Why an install callback was refused.
 *
 * @category Authorization
 */
export type ShopifyCallbackFailureReason =
  | 'missing_parameter'
  | 'invalid_shop'
  | 'hmac_mismatch'
  | 'stale_callback'
  | 'shop_mismatch'
  | AuthorizationFailureReason;

/**
 * A completed install: the shop and the connection id its tokens are stored under.
 *
 * @category Authorization
 */
export interface ShopifyInstall extends AuthorizationComplete {
  shop: string;
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/**
 * The message Shopify signs in a query `hmac` (OAuth callback, admin links): every parameter but
 * `hmac` and `signature`, a repeated name's values joined with `,`, sorted by name, each
 * `name=value` URL-encoded as a form would encode it but with a space as `%20` (not `+`),
 * joined with `&` — the form Shopify's own libraries sign.
 *
 * @example
 * ```ts
 * shopifyQueryHmacMessage(new URLSearchParams({ shop: 'a.myshopify.com', state: 'x y', hmac: '…' })); // 'shop=a.myshopify.com&state=x%20y'
 * ```
 *
 * @category Authorization
 */
export function shopifyQueryHmacMessage(params: URLSearchParams): string {
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    if (name === 'hmac' || name === 'signature') continue;
    const seen = values.get(name);
    values.set(name, seen === undefined ? value : `${seen},${value}`);
  }
  const sorted = [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // URLSearchParams encodes application/x-www-form-urlencoded (space as "+", a literal "+" as %2B).
  return new URLSearchParams(sorted).toString().replace(/\+/g, '%20');
}

/**
 * Checks the `hmac` of Shopify's OAuth callback (and of admin links): the hex HMAC-SHA256,
 * under the app's client secret, of {@link shopifyQueryHmacMessage}. Compared in constant time.
 *
 * @example
 * ```ts
 * const valid = await verifyShopifyQueryHmac(new URL(request.url).searchParams, clientSecret);
 * ```
 *
 * @category Authorization
 */
export async function verifyShopifyQueryHmac(params: URLSearchParams, clientSecret: string): Promise<boolean> {
  const given = params.get('hmac');
  if (!given) return false;
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(clientSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = toHex(
    new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(shopifyQueryHmacMessage(params)))),
  );
  return constantTimeEqual(expected, given.toLowerCase());
}

/**
 * Shopify's app install flow on the OAuth helpers: `begin` stores a single-use `state` and
 * returns the shop's authorize URL; `complete` checks the callback's shop domain, HMAC,
 * timestamp and state, then exchanges the code (asking for an expiring offline token with a
 * refresh token); `authHook` gives the connector a token that is refreshed once, under a lock,
 * across every process, before it expires. `exchangeSessionToken` serves embedded apps.
 *
 * @example
 * ```ts
 * const oauth = new ShopifyOAuth(config, { store: redisStore });
 * const { url } = await oauth.begin('acme.myshopify.com'); // redirect the merchant there
 * const installed = await oauth.complete(new URL(callbackUrl).searchParams);
 * const shopify = new ShopifyMarketplace({ shop: 'acme.myshopify.com', auth: oauth.authHook('acme.myshopify.com') });
 * ```
 *
 * @category Authorization
 */
export class ShopifyOAuth {
  readonly #config: Required<ShopifyOAuthConfig>;
  readonly #context: ResolvedContext;
  readonly #clients = new Map<string, OAuthClient>();

  /** @param config - app credentials, scopes, redirect URI; @param context - store (tokens, state), lock, fetch, clock */
  constructor(config: ShopifyOAuthConfig, context: Context = {}) {
    const issues = [];
    for (const key of ['clientId', 'clientSecret', 'redirectUri'] as const)
      if (!config?.[key]) issues.push({ path: [key], message: 'Required.' });
    if (!Array.isArray(config?.scopes))
      issues.push({ path: ['scopes'], message: 'Expected a list of access scopes such as read_products.' });
    if (issues.length > 0) throw new ValidationError('Shopify OAuth config', issues, { platform: 'shopify' });
    this.#config = { expiringOfflineTokens: true, callbackMaxAgeSeconds: 3600, ...config };
    this.#context = createContext(context);
  }

  /** The OAuth client of one shop (tokens stored under the shop domain). */
  client(shop: string): OAuthClient {
    const domain = normalizeShopDomain(shop);
    if (domain.isErr())
      throw new ValidationError('shop', [{ path: ['shop'], message: domain.error.message }], { platform: 'shopify' });
    let client = this.#clients.get(domain.value);
    if (!client) {
      client = new OAuthClient(
        {
          platform: 'shopify',
          clientId: this.#config.clientId,
          clientSecret: this.#config.clientSecret,
          tokenUrl: `https://${domain.value}/admin/oauth/access_token`,
          authorizeUrl: `https://${domain.value}/admin/oauth/authorize`,
          redirectUri: this.#config.redirectUri,
          clientAuthentication: 'body',
          refreshTokenRotation: 'rotating',
          ...(this.#config.expiringOfflineTokens ? { extraTokenParams: { expiring: '1' } } : {}),
        },
        { context: this.#context },
      );
      this.#clients.set(domain.value, client);
    }
    return client;
  }

  /** Starts an install: the URL to redirect the merchant to, and the state it carries. */
  async begin(shop: string, options: { online?: boolean } = {}): Promise<{ url: string; state: string; shop: string }> {
    const client = this.client(shop);
    const domain = normalizeShopDomain(shop)._unsafeUnwrap();
    const extraParams: Record<string, string> = { scope: this.#config.scopes.join(',') };
    if (options.online) extraParams['grant_options[]'] = 'per-user';
    const request = await client.createAuthorizationUrl({ connectionId: domain, extraParams });
    return { url: request.url, state: request.state, shop: domain };
  }

  /** Finishes an install from the callback's query parameters. */
  async complete(
    query: URLSearchParams | Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Result<ShopifyInstall, Failure<ShopifyCallbackFailureReason>>> {
    const params = query instanceof URLSearchParams ? query : new URLSearchParams(query);
    const missing = ['shop', 'code', 'state', 'hmac', 'timestamp'].filter((name) => !params.get(name));
    if (missing.length > 0)
      return err(
        failure(
          'missing_parameter',
          `The callback lacks ${missing.join(', ')}; pass every query parameter Shopify sent.`,
        ),
      );
    const shop = normalizeShopDomain(params.get('shop')!);
    if (shop.isErr() || shop.value !== params.get('shop'))
      return err(failure('invalid_shop', `"${params.get('shop')}" is not a *.myshopify.com shop domain.`));
    if (!(await verifyShopifyQueryHmac(params, this.#config.clientSecret))) {
      return err(
        failure(
          'hmac_mismatch',
          'The callback hmac does not match: it was not sent by Shopify for this app (check the client secret).',
        ),
      );
    }
    const age = this.#context.clock.now() / 1000 - Number(params.get('timestamp'));
    if (!(age <= this.#config.callbackMaxAgeSeconds) || age < -300)
      return err(
        failure('stale_callback', 'The callback timestamp is too old (or in the future); start the install again.'),
      );
    const done = await this.client(shop.value).completeAuthorization(
      { state: params.get('state'), code: params.get('code') },
      signal,
    );
    if (done.isErr()) return err(done.error);
    if (done.value.connectionId !== shop.value)
      return err(failure('shop_mismatch', 'The state was issued for another shop; start the install again.'));
    return ok({ ...done.value, shop: shop.value });
  }

  /** Credentials for the connector: `X-Shopify-Access-Token`, refreshed before it expires. */
  authHook(shop: string): AuthHook {
    return this.client(shop).authHook(normalizeShopDomain(shop)._unsafeUnwrap(), {
      header: 'X-Shopify-Access-Token',
      scheme: '',
    });
  }

  /**
   * Embedded apps: exchanges an App Bridge session token for an offline access token and stores
   * it. The token is verified first (HS256 under the client secret, `aud` this app, `exp`/`nbf`,
   * `dest` this shop): a forged, expired or foreign token is refused with an `AuthError` naming
   * the reason, and never sent.
   */
  async exchangeSessionToken(shop: string, sessionToken: string, signal?: AbortSignal): Promise<void> {
    const client = this.client(shop);
    const domain = normalizeShopDomain(shop)._unsafeUnwrap();
    const verified = await verifyShopifySessionToken(sessionToken, {
      clientId: this.#config.clientId,
      clientSecret: this.#config.clientSecret,
      shop: domain,
      now: this.#context.clock.now(),
    });
    if (verified.isErr()) {
      throw new AuthError(
        `The session token was refused before the exchange (${verified.error.reason}): ${verified.error.message}`,
        { platform: 'shopify', operation: 'exchangeSessionToken' },
      );
    }
    const body = new URLSearchParams({
      client_id: this.#config.clientId,
      client_secret: this.#config.clientSecret,
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: sessionToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
      ...(this.#config.expiringOfflineTokens ? { expiring: '1' } : {}),
    });
    const response = await this.#context.fetch(`https://${domain}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      ...(signal ? { signal } : {}),
    });
    const grant = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      refresh_token?: string;
      expires_in?: number;
      scope?: string;
      error?: string;
    };
    if (!response.ok || !grant.access_token) {
      throw new AuthError(
        `Shopify refused the session token exchange (${grant.error ?? `HTTP ${response.status}`}); get a fresh session token from App Bridge.`,
        { platform: 'shopify', operation: 'exchangeSessionToken', status: response.status },
      );
    }
    await client.importTokens(domain, {
      accessToken: grant.access_token,
      ...(grant.refresh_token ? { refreshToken: grant.refresh_token } : {}),
      ...(grant.expires_in ? { expiresAt: this.#context.clock.now() + grant.expires_in * 1000 } : {}),
      ...(grant.scope ? { scope: grant.scope } : {}),
    });
  }
}
