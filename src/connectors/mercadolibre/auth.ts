import type { OAuthClientConfig } from '../../auth/config.js';
import type { Keyring } from '../../auth/keyring.js';
import { OAuthClient, type OAuthClientOptions } from '../../auth/oauth-client.js';
import type { AuthHook } from '../../core/auth-hook.js';
import { createContext, type Context } from '../../core/context.js';
import { MERCADOLIBRE_SITES, MERCADOLIBRE_TOKEN_URL, type MercadoLibreSiteId } from './sites.js';

/**
 * What {@link mercadolibreOAuthConfig} needs: the application, the site its sellers
 * authorise on and the redirect URI registered in the DevCenter.
 *
 * @category Authorization
 */
export interface MercadoLibreOAuthInput {
  site: MercadoLibreSiteId;
  clientId: string;
  clientSecret: string;
  /** Must match the application's redirect URI exactly (no variable parts; context travels in `state`). */
  redirectUri?: string;
  /** Token endpoint override (a proxy or a simulator). */
  tokenUrl?: string;
  /** Token request timeout, ms (default 10 s; 0 for none). */
  requestTimeoutMs?: number;
}

/**
 * The {@link OAuthClientConfig} of MercadoLibre: the site's authorisation host, the shared
 * token endpoint, client credentials in the body, and refresh tokens that are single-use
 * and rotate on every refresh (so a refresh whose answer was lost is never repeated: the
 * connection becomes `reauth_required` instead).
 *
 * @example
 * ```ts
 * const oauth = new OAuthClient(mercadolibreOAuthConfig({ site: 'MLA', clientId, clientSecret, redirectUri }), { context });
 * const { url } = await oauth.createAuthorizationUrl({ connectionId: '468424240' });
 * ```
 *
 * @category Authorization
 */
export function mercadolibreOAuthConfig(input: MercadoLibreOAuthInput): OAuthClientConfig {
  const requestTimeoutMs = input.requestTimeoutMs ?? 10_000;
  return {
    platform: 'mercadolibre',
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    tokenUrl: input.tokenUrl ?? MERCADOLIBRE_TOKEN_URL,
    authorizeUrl: MERCADOLIBRE_SITES[input.site]?.authorizeUrl ?? MERCADOLIBRE_SITES.MLA.authorizeUrl,
    ...(input.redirectUri ? { redirectUri: input.redirectUri } : {}),
    clientAuthentication: 'body',
    refreshTokenRotation: 'rotating',
    requestTimeoutMs,
    lockTtlMs: Math.max(30_000, requestTimeoutMs + 5_000),
  };
}

/**
 * The auth stage of the MercadoLibre connector: the seller's access token (6 hours) as
 * `Authorization: Bearer`, refreshed once across every process sharing the store and lock.
 *
 * @category Authorization
 */
export interface MercadoLibreAuth extends AuthHook {
  /** The OAuth client that keeps the seller's tokens (connection status, refresh, import). */
  readonly oauth: OAuthClient;
  /** The connection id of the seller's tokens in the store. */
  readonly connectionId: string;
  /** A valid access token; concurrent callers share one refresh. */
  accessToken(signal?: AbortSignal): Promise<string>;
}

/**
 * Dependencies of {@link createMercadoLibreAuth}.
 *
 * @category Authorization
 */
export interface MercadoLibreAuthDeps extends Context {
  /** Where the seller's tokens live in the store (default `default`). */
  connectionId?: string;
  /** Encrypts the stored tokens at rest. */
  keyring?: Keyring;
}

/**
 * Creates the MercadoLibre auth hook on {@link OAuthClient}. The refresh token given here
 * seeds the store only when it holds no record for the connection; afterwards each refresh
 * writes the rotated refresh token to the store (compare-and-set on the record's version)
 * before the new access token is handed to anyone, under the connection's lock, so two
 * processes never both spend one refresh token.
 *
 * @example
 * ```ts
 * const auth = createMercadoLibreAuth({ site: 'MLA', clientId, clientSecret, refreshToken: 'TG-...' }, { store, lock, connectionId: '468424240' });
 * const http = createHttpClient({ platform: 'mercadolibre', baseUrl: MERCADOLIBRE_API_URL, context, auth });
 * ```
 *
 * @category Authorization
 */
export function createMercadoLibreAuth(
  credentials: MercadoLibreOAuthInput & { refreshToken?: string },
  deps: MercadoLibreAuthDeps = {},
): MercadoLibreAuth {
  const context = createContext(deps);
  const connectionId = deps.connectionId ?? 'default';
  const options: OAuthClientOptions = deps.keyring ? { context, keyring: deps.keyring } : { context };
  const oauth = new OAuthClient(mercadolibreOAuthConfig(credentials), options);
  const hook = oauth.authHook(connectionId);
  let seeded: Promise<unknown> | undefined;
  const seed = async () => {
    if (!credentials.refreshToken) return;
    seeded ??= oauth.seedRefreshToken(connectionId, credentials.refreshToken).catch((error: unknown) => {
      seeded = undefined;
      throw error;
    });
    await seeded;
  };
  return {
    oauth,
    connectionId,
    async accessToken(signal) {
      await seed();
      return oauth.getAccessToken(connectionId, signal ? { signal } : {});
    },
    async authorize(request, hookContext) {
      await seed();
      return hook.authorize(request, hookContext);
    },
    onUnauthorized: (response, hookContext) => hook.onUnauthorized!(response, hookContext),
    secrets: () => [
      credentials.clientSecret,
      ...(credentials.refreshToken ? [credentials.refreshToken] : []),
      ...oauth.secrets(),
    ],
  };
}
