import type { OAuthClientConfig } from '../../../auth/config.js';
import { OAuthClient, type AccessTokenOptions, type OAuthClientOptions } from '../../../auth/oauth-client.js';
import type { AuthHook, AuthHookContext } from '../../../core/auth-hook.js';
import type { Keyring } from '../../../auth/keyring.js';
import { createContext, type Context } from '../../../core/context.js';
import { AuthError } from '../../../core/errors/auth-error.js';
import { LWA_TOKEN_URL } from '../endpoints.js';
import { NOTIFICATIONS_SCOPE } from '../requests/notifications.js';
import { adoptEarlierSellerRecord } from './seller-record.js';

/**
 * Login with Amazon credentials of an SP-API application and, for seller operations, the
 * seller's refresh token.
 *
 * @category Authorization
 */
export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  /** The seller's refresh token; omit for an application that only calls grantless operations. */
  refreshToken?: string;
  /** Token endpoint override (a proxy or a local simulator). */
  tokenUrl?: string;
}

/**
 * Operations authorised by a client-credentials (grantless) token, and their scope: every
 * operation the SP-API models call grantless.
 *
 * @example
 * ```ts
 * GRANTLESS_OPERATIONS.createDestination; // 'sellingpartnerapi::notifications'
 * ```
 *
 * @category Authorization
 */
export const GRANTLESS_OPERATIONS: Readonly<Record<string, string>> = {
  createDestination: NOTIFICATIONS_SCOPE,
  getDestinations: NOTIFICATIONS_SCOPE,
  getDestination: NOTIFICATIONS_SCOPE,
  deleteDestination: NOTIFICATIONS_SCOPE,
  deleteSubscriptionById: NOTIFICATIONS_SCOPE,
  getSubscriptionById: NOTIFICATIONS_SCOPE,
  sendTestNotification: NOTIFICATIONS_SCOPE,
};

/**
 * The auth stage for SP-API: Login with Amazon access tokens (refresh-token grant, or
 * client-credentials with a scope for grantless operations) sent as `x-amz-access-token`.
 *
 * @example
 * ```ts
 * const auth: LwaAuth = createLwaAuth(credentials, { fetch, clock });
 * const token = await auth.accessToken();
 * ```
 *
 * @category Authorization
 */
export interface LwaAuth extends AuthHook {
  /** A valid access token: the seller's, or a grantless one for `scope`. Concurrent callers share one refresh. */
  accessToken(scope?: string, signal?: AbortSignal): Promise<string>;
  /** Treats the last token issued (for `scope`; every one when omitted) as rejected, so the next call gets a new one unless another process already did. */
  invalidate(scope?: string): void;
  /** The refresher that keeps the seller's tokens in the context's store (e.g. for `connectionStatus`). */
  readonly oauth: OAuthClient;
  /** The connection id of the seller's tokens in the store (`AmazonMarketplace`: `A1SELLER@eu`). */
  readonly connectionId: string;
}

/**
 * Dependencies of {@link createLwaAuth}: the context (store, lock, clock, fetch, events) and
 * where in the store the seller's tokens live.
 *
 * @category Authorization
 */
export interface LwaAuthDeps extends Context {
  /** The seller's connection id in the store (default `default`); AmazonMarketplace uses the seller id and region (`A1SELLER@eu`). */
  connectionId?: string;
  /**
   * Where an earlier version kept this seller's record (AmazonMarketplace: the bare seller id).
   * A record found there with the configured refresh token is carried over once, when
   * `connectionId` has none.
   */
  earlierConnectionId?: string;
  /** Token request timeout in milliseconds; 0 for none (default 10 s). */
  requestTimeoutMs?: number;
  /** Encrypts the stored tokens at rest. */
  keyring?: Keyring;
}

/**
 * The store connection id under which the grantless token of `scope` is kept: per application
 * and scope, so every process of the same application shares it.
 *
 * @example
 * ```ts
 * grantlessConnectionId('amzn1.application-oa2-client.x', 'sellingpartnerapi::notifications');
 * // 'grantless:amzn1.application-oa2-client.x:sellingpartnerapi::notifications'
 * ```
 *
 * @category Authorization
 */
export function grantlessConnectionId(clientId: string, scope: string): string {
  return `grantless:${clientId}:${scope}`;
}

/**
 * Creates the Login with Amazon auth hook. The seller's token goes through {@link OAuthClient}:
 * kept in the context's store, refreshed once across every process sharing that store and
 * lock (`tokenRefreshed` fires on the context's events). The configured refresh token seeds
 * the store only when it holds no record for the connection yet. Grantless tokens go through
 * one client-credentials {@link OAuthClient} per scope on the same context, stored under
 * {@link grantlessConnectionId}, so processes sharing the store and lock make one token
 * request per scope between them. A request that already carries
 * `x-amz-access-token` (a Restricted Data Token) is left alone.
 *
 * @example
 * ```ts
 * const auth = createLwaAuth({ clientId, clientSecret, refreshToken }, { ...context, connectionId: 'A1SELLER' });
 * ```
 *
 * @category Authorization
 */
export function createLwaAuth(credentials: LwaCredentials, deps: LwaAuthDeps = {}): LwaAuth {
  const context = createContext(deps);
  const tokenUrl = credentials.tokenUrl ?? LWA_TOKEN_URL;
  const connectionId = deps.connectionId ?? 'default';
  const requestTimeoutMs = deps.requestTimeoutMs ?? 10_000;
  const oauthConfig: OAuthClientConfig = {
    platform: 'amazon',
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    tokenUrl,
    clientAuthentication: 'body',
    refreshTokenRotation: 'reusable',
    requestTimeoutMs,
    lockTtlMs: Math.max(30_000, requestTimeoutMs + 5_000),
  };
  const oauthOptions: OAuthClientOptions = deps.keyring ? { context, keyring: deps.keyring } : { context };
  const oauth = new OAuthClient(oauthConfig, oauthOptions);
  const grantless = new Map<string, { client: OAuthClient; lastIssued?: string; rejected?: string }>();
  let seeded: Promise<unknown> | undefined;
  let lastIssued: string | undefined;
  let rejected: string | undefined;

  async function sellerToken(signal?: AbortSignal): Promise<string> {
    if (!credentials.refreshToken) {
      throw new AuthError('This operation needs a seller refresh token; pass credentials.refreshToken.', {
        platform: 'amazon',
        operation: 'lwaToken',
      });
    }
    const refreshToken = credentials.refreshToken;
    seeded ??= (async () => {
      if (deps.earlierConnectionId !== undefined)
        await adoptEarlierSellerRecord(oauth, {
          connectionId,
          earlierId: deps.earlierConnectionId,
          refreshToken,
          logger: context.logger,
        });
      return oauth.seedRefreshToken(connectionId, refreshToken);
    })().catch((error: unknown) => {
      seeded = undefined;
      throw error;
    });
    await seeded;
    const options: AccessTokenOptions = signal ? { signal } : {};
    if (rejected !== undefined) options.rejectedToken = rejected;
    const token = await oauth.getAccessToken(connectionId, options);
    if (token !== rejected) rejected = undefined;
    lastIssued = token;
    return token;
  }

  function grantlessEntry(scope: string) {
    // One client per scope: OAuthClient requests its configured scopes. They share the seller
    // client's credential store so that a keyring encrypts grantless tokens too.
    let entry = grantless.get(scope);
    if (!entry) {
      entry = {
        client: new OAuthClient(
          { ...oauthConfig, scopes: [scope] },
          { ...oauthOptions, credentials: oauth.credentials, grant: 'client_credentials' },
        ),
      };
      grantless.set(scope, entry);
    }
    return entry;
  }

  async function grantlessToken(scope: string, signal?: AbortSignal): Promise<string> {
    const entry = grantlessEntry(scope);
    const options: AccessTokenOptions = signal ? { signal } : {};
    if (entry.rejected !== undefined) options.rejectedToken = entry.rejected;
    const token = await entry.client.getAccessToken(grantlessConnectionId(credentials.clientId, scope), options);
    if (token !== entry.rejected) delete entry.rejected;
    entry.lastIssued = token;
    return token;
  }

  const auth: LwaAuth = {
    oauth,
    connectionId,
    async accessToken(scope, signal) {
      return scope ? grantlessToken(scope, signal) : sellerToken(signal);
    },
    invalidate(scope) {
      for (const [key, entry] of grantless) {
        if ((scope === undefined || scope === key) && entry.lastIssued !== undefined) entry.rejected = entry.lastIssued;
      }
      if (!scope) rejected = lastIssued;
    },
    async authorize(request: Request, hookContext: AuthHookContext) {
      if (request.headers.has('x-amz-access-token')) return;
      request.headers.set(
        'x-amz-access-token',
        await auth.accessToken(GRANTLESS_OPERATIONS[hookContext.operation], hookContext.signal),
      );
    },
    async onUnauthorized(_response: Response, hookContext: AuthHookContext) {
      // The transport has read the body already; Amazon answers 403 "Unauthorized" both for an
      // expired token and for missing roles, so refresh once and let a second refusal stand.
      auth.invalidate(GRANTLESS_OPERATIONS[hookContext.operation] ?? '');
      return true;
    },
    secrets() {
      return [
        credentials.clientSecret,
        ...(credentials.refreshToken ? [credentials.refreshToken] : []),
        ...oauth.secrets(),
        ...[...grantless.values()].flatMap((entry) => entry.client.secrets()),
      ];
    },
  };
  return auth;
}
