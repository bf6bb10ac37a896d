import type { TokenGrant } from './token-endpoint.js';
import { tokenLifetimeSeconds } from './token-lifetime.js';
import type { TokenRecord } from './token-record.js';
import type { OAuthInternals } from './oauth-context.js';

/**
 * Builds the record for a fresh grant, carrying over what the platform did not resend.
 *
 * @example
 * ```ts
 * const next = recordFromGrant(internals, grant, previous, 'authorization_code');
 * ```
 */
export function recordFromGrant(
  internals: OAuthInternals,
  grant: TokenGrant,
  previous: TokenRecord | undefined,
  grantType: TokenRecord['grant'],
): TokenRecord {
  const { config } = internals;
  const now = internals.context.clock.now();
  const record: TokenRecord = {
    version: (previous?.version ?? 0) + 1,
    status: 'active',
    grant: grantType,
    accessToken: grant.accessToken,
    tokenType: grant.tokenType,
    obtainedAt: now,
  };
  const lifetimeSeconds = tokenLifetimeSeconds(grant.expiresInSeconds ?? config.defaultExpiresInSeconds);
  if (lifetimeSeconds !== undefined) {
    const lifetimeMs = Math.floor(lifetimeSeconds * 1000);
    record.expiresAt = now + lifetimeMs;
    record.refreshAt = record.expiresAt - Math.min(config.earlyRefreshMs, Math.floor(lifetimeMs / 2));
  }
  // A platform that does not rotate keeps the old refresh token valid; a rotating one that
  // sends none leaves us without one (the old one is spent), which is handled at expiry.
  const refreshToken =
    grant.refreshToken ?? (config.refreshTokenRotation === 'reusable' ? previous?.refreshToken : undefined);
  if (refreshToken !== undefined) record.refreshToken = refreshToken;
  // A new refresh token brings its own lifetime; a kept one keeps the one it had.
  if (grant.refreshToken !== undefined && grant.refreshTokenExpiresInSeconds !== undefined)
    record.refreshTokenExpiresAt = now + grant.refreshTokenExpiresInSeconds * 1000;
  else if (
    refreshToken !== undefined &&
    refreshToken === previous?.refreshToken &&
    previous.refreshTokenExpiresAt !== undefined
  )
    record.refreshTokenExpiresAt = previous.refreshTokenExpiresAt;
  const scope = grant.scope ?? previous?.scope;
  if (scope !== undefined) record.scope = scope;
  return record;
}

/**
 * Whether the access token can be used without refreshing.
 *
 * @example
 * ```ts
 * if (isFresh(record, clock.now())) return record.accessToken;
 * ```
 */
export function isFresh(record: TokenRecord, now: number, rejectedToken?: string): boolean {
  return (
    record.status === 'active' &&
    record.accessToken !== rejectedToken &&
    (record.refreshAt === undefined || now < record.refreshAt)
  );
}

/**
 * Whether the access token has not expired yet (it may be due for early refresh).
 *
 * @example
 * ```ts
 * if (isUnexpired(record, clock.now(), rejected)) return record.accessToken;
 * ```
 */
export function isUnexpired(record: TokenRecord, now: number, rejectedToken?: string): boolean {
  return record.accessToken !== rejectedToken && record.expiresAt !== undefined && now < record.expiresAt;
}
