/**
 * Identifies one OAuth connection: a tenant's account on a platform.
 *
 * @category Credential storage
 */
export interface ConnectionRef {
  /** The tenant (your customer). */
  tenantId: string;
  /** The platform. */
  platform: string;
  /** The connection (seller account, shop) within the tenant. */
  connectionId: string;
}

/**
 * What is kept for a connection. `version` grows by one on every write, so concurrent writers
 * detect each other through compare-and-set.
 *
 * @category Credential storage
 */
export interface TokenRecord {
  /** Write counter. */
  version: number;
  /** `active`, or `reauth_required` once the user must authorise again. */
  status: 'active' | 'reauth_required';
  /** Why re-authorisation is required. */
  reauthReason?: 'invalid_grant' | 'refresh_outcome_unknown' | 'no_refresh_token';
  /** How the tokens were obtained. */
  grant: 'authorization_code' | 'client_credentials';
  /** The access token (a secret). */
  accessToken: string;
  /** The token type, usually `bearer`. */
  tokenType: string;
  /** The refresh token (a secret), absent when the platform gave none or it was consumed. */
  refreshToken?: string;
  /** When the refresh token expires (epoch ms), when the platform said; the user must consent again before then. */
  refreshTokenExpiresAt?: number;
  /** When the access token expires (epoch ms); absent when the platform did not say. */
  expiresAt?: number;
  /** When to refresh early (epoch ms). */
  refreshAt?: number;
  /** Granted scopes. */
  scope?: string;
  /** When the tokens were obtained (epoch ms). */
  obtainedAt: number;
}

/**
 * A connection's state without secrets, safe to show or log.
 *
 * @example
 * ```ts
 * const status: ConnectionStatus = await oauth.connectionStatus('seller-1');
 * if (status.state === 'reauth_required') promptReconnect();
 * ```
 *
 * @category Credential storage
 */
export interface ConnectionStatus {
  /** `missing` (never authorised), `active`, `expired` (will refresh on use) or `reauth_required`. */
  state: 'missing' | 'active' | 'expired' | 'reauth_required';
  /** Why re-authorisation is required. */
  reason?: string;
  /** Access token expiry (epoch ms). */
  expiresAt?: number;
  /** Whether a refresh token is held. */
  hasRefreshToken: boolean;
  /** When the refresh token expires (epoch ms), when known: ask the user to authorise again before then. */
  refreshTokenExpiresAt?: number;
  /** The record's version. */
  version: number;
}
