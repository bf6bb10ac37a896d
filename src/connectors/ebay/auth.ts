import type { OAuthClientConfig } from '../../auth/config.js';
import type { Keyring } from '../../auth/keyring.js';
import { OAuthClient, type AccessTokenOptions, type OAuthClientOptions } from '../../auth/oauth-client.js';
import type { ConnectionStatus } from '../../auth/token-record.js';
import type { AuthHook, AuthHookContext } from '../../core/auth-hook.js';
import type { ResolvedContext } from '../../core/context.js';
import type { EbayUrls } from './endpoints.js';
import { EBAY_OPERATIONS, type EbayTokenKind } from './operations-table.js';
import { EBAY_SCOPES } from './scopes.js';

/**
 * The request header that picks the application token for one call (it is removed before the
 * request is sent). Set by the Notification API helpers for topics of application scope.
 *
 * @example
 * ```ts
 * const request = { operation: 'createSubscription', method: 'POST', path, headers: { [EBAY_TOKEN_HEADER]: 'application' } };
 * ```
 *
 * @category Authorization
 */
export const EBAY_TOKEN_HEADER = 'x-marketbridge-ebay-token';

/**
 * What {@link createEbayAuth} needs.
 *
 * @example
 * ```ts
 * const options: EbayAuthOptions = { clientId, clientSecret, ruName, urls: EBAY_ENDPOINTS.sandbox, scopes, connectionId: 'seller-1', context };
 * ```
 */
export interface EbayAuthOptions {
  clientId: string;
  clientSecret: string;
  ruName?: string | undefined;
  refreshToken?: string | undefined;
  refreshTokenExpiresAt?: number | undefined;
  urls: EbayUrls;
  scopes: readonly string[];
  connectionId: string;
  context: ResolvedContext;
  /** Token request timeout in ms (0: none; default 10 s). */
  requestTimeoutMs?: number;
  keyring?: Keyring;
}

/**
 * A seller connection's state, with the refresh token's expiry and when to ask for consent
 * again.
 *
 * @example
 * ```ts
 * const status: EbayConnectionStatus = await ebay.connectionStatus();
 * if (status.reconsentDue) emailSeller(status.refreshTokenExpiresAt);
 * ```
 *
 * @category Authorization
 */
export interface EbayConnectionStatus extends ConnectionStatus {
  /** The seller should authorise again: the refresh token expires within the window asked about (default 30 days). */
  reconsentDue: boolean;
}

/**
 * eBay's OAuth for one seller connection: the user token (authorization code grant; 2 hours,
 * refreshed single-flight across every process sharing the store and lock, with the scopes eBay
 * asks for on refresh; the refresh token lives 18 months), and the application token (client
 * credentials) for the Notification API. As the pipeline's auth hook it sends `Bearer` tokens,
 * `IAF` tokens to the Post-Order API, and picks the token each operation needs.
 *
 * @example
 * ```ts
 * const auth = createEbayAuth({ clientId, clientSecret, ruName, urls: EBAY_ENDPOINTS.production, scopes: EBAY_DEFAULT_USER_SCOPES, connectionId: 'seller-1', context });
 * const { url } = await auth.user.createAuthorizationUrl({ connectionId: 'seller-1' });
 * ```
 *
 * @category Authorization
 */
export interface EbayAuth extends AuthHook {
  /** The seller's tokens. */
  readonly user: OAuthClient;
  /** The application's tokens. */
  readonly application: OAuthClient;
  /** The store connection id of the seller's tokens. */
  readonly connectionId: string;
  /** A valid token of `kind`; concurrent callers share one refresh. */
  accessToken(kind: EbayTokenKind, signal?: AbortSignal): Promise<string>;
  /** The seller connection's state; `reconsentDue` when the refresh token expires within `withinMs` (default 30 days). */
  connectionStatus(withinMs?: number): Promise<EbayConnectionStatus>;
}

const RECONSENT_WINDOW_MS = 30 * 86_400_000;

/**
 * Creates {@link EbayAuth}.
 *
 * @example
 * ```ts
 * const auth = createEbayAuth({ clientId, clientSecret, urls: EBAY_ENDPOINTS.sandbox, scopes: EBAY_DEFAULT_USER_SCOPES, connectionId: 'default', context, refreshToken });
 * const http = createHttpClient({ platform: 'ebay', baseUrl: EBAY_ENDPOINTS.sandbox.api, context, auth });
 * ```
 */
export function createEbayAuth(options: EbayAuthOptions): EbayAuth {
  const { context, connectionId } = options;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const base: OAuthClientConfig = {
    platform: 'ebay',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    tokenUrl: options.urls.token,
    clientAuthentication: 'basic',
    refreshTokenRotation: 'reusable',
    requestTimeoutMs,
    lockTtlMs: Math.max(30_000, requestTimeoutMs + 5_000),
  };
  const clientOptions: OAuthClientOptions = options.keyring ? { context, keyring: options.keyring } : { context };
  const user = new OAuthClient(
    {
      ...base,
      authorizeUrl: options.urls.authorize,
      ...(options.ruName ? { redirectUri: options.ruName } : {}),
      redirectUriFormat: 'name',
      pkce: false,
      scopes: options.scopes,
      refreshWithScopes: true,
    },
    clientOptions,
  );
  const application = new OAuthClient(
    { ...base, scopes: [EBAY_SCOPES.public] },
    { ...clientOptions, credentials: user.credentials, grant: 'client_credentials' },
  );
  const applicationConnection = `application:${options.clientId}`;
  const last: Partial<Record<EbayTokenKind, string>> = {};
  const rejected: Partial<Record<EbayTokenKind, string>> = {};
  let seeded: Promise<unknown> | undefined;

  const seed = () => {
    if (!options.refreshToken) return Promise.resolve();
    const seedOptions =
      options.refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt: options.refreshTokenExpiresAt };
    seeded ??= user.seedRefreshToken(connectionId, options.refreshToken, seedOptions).catch((error: unknown) => {
      seeded = undefined;
      throw error;
    });
    return seeded;
  };

  const accessToken = async (kind: EbayTokenKind, signal?: AbortSignal): Promise<string> => {
    const tokenOptions: AccessTokenOptions = signal ? { signal } : {};
    const refused = rejected[kind];
    if (refused !== undefined) tokenOptions.rejectedToken = refused;
    let token: string;
    if (kind === 'application') token = await application.getAccessToken(applicationConnection, tokenOptions);
    else {
      await seed();
      token = await user.getAccessToken(connectionId, tokenOptions);
    }
    if (token !== refused) delete rejected[kind];
    last[kind] = token;
    return token;
  };

  const kindOf = (request: Request, hookContext: AuthHookContext): EbayTokenKind => {
    const marked = request.headers.get(EBAY_TOKEN_HEADER);
    request.headers.delete(EBAY_TOKEN_HEADER);
    if (marked === 'application' || marked === 'user') return marked;
    return (EBAY_OPERATIONS as Record<string, { token: EbayTokenKind }>)[hookContext.operation]?.token ?? 'user';
  };

  return {
    user,
    application,
    connectionId,
    accessToken,
    async connectionStatus(withinMs = RECONSENT_WINDOW_MS) {
      await seed();
      const status = await user.connectionStatus(connectionId);
      const expiresAt = status.refreshTokenExpiresAt;
      const reconsentDue =
        status.state === 'missing' ||
        status.state === 'reauth_required' ||
        (expiresAt !== undefined && expiresAt - context.clock.now() <= withinMs);
      return { ...status, reconsentDue };
    },
    async authorize(request, hookContext) {
      const kind = kindOf(request, hookContext);
      const token = await accessToken(kind, hookContext.signal);
      const api = (EBAY_OPERATIONS as Record<string, { api: string }>)[hookContext.operation]?.api;
      // The Post-Order API takes OAuth user tokens with the IAF scheme.
      request.headers.set('authorization', `${api === 'postOrder' ? 'IAF' : 'Bearer'} ${token}`);
      return request;
    },
    onUnauthorized() {
      // Which of the two tokens eBay refused is not known here: both are renewed on their next
      // use, unless another process already did (at worst one token request too many).
      for (const kind of ['user', 'application'] as const) if (last[kind] !== undefined) rejected[kind] = last[kind];
      return true;
    },
    secrets() {
      return [
        options.clientSecret,
        ...(options.refreshToken ? [options.refreshToken] : []),
        ...user.secrets(),
        ...application.secrets(),
      ];
    },
  };
}
