import type { ResolvedContext } from '../core/context.js';
import { AuthError } from '../core/errors/auth-error.js';
import type { Redactor } from '../core/errors/redact.js';
import type { ResolvedOAuthConfig } from './config.js';
import type { CredentialStore, StoredRecord } from './credential-store.js';
import type { TokenGrant } from './token-endpoint.js';
import { tokenLifetimeSeconds } from './token-lifetime.js';
import type { ConnectionRef, TokenRecord } from './token-record.js';

/**
 * What the OAuth flows share: config, context, storage and the redaction of known secrets.
 *
 * @example
 * ```ts
 * const ref = internals.ref('seller-1');
 * ```
 */
export interface OAuthInternals {
  config: ResolvedOAuthConfig;
  context: ResolvedContext;
  credentials: CredentialStore;
  ref(connectionId: string): ConnectionRef;
  redactor(): Redactor;
  remember(record: TokenRecord | undefined): void;
}

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
  const refreshToken = grant.refreshToken ?? (config.refreshTokenRotation === 'reusable' ? previous?.refreshToken : undefined);
  if (refreshToken !== undefined) record.refreshToken = refreshToken;
  // A new refresh token brings its own lifetime; a kept one keeps the one it had.
  if (grant.refreshToken !== undefined && grant.refreshTokenExpiresInSeconds !== undefined) record.refreshTokenExpiresAt = now + grant.refreshTokenExpiresInSeconds * 1000;
  else if (refreshToken !== undefined && refreshToken === previous?.refreshToken && previous.refreshTokenExpiresAt !== undefined) record.refreshTokenExpiresAt = previous.refreshTokenExpiresAt;
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
  return record.status === 'active' && record.accessToken !== rejectedToken && (record.refreshAt === undefined || now < record.refreshAt);
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

/**
 * Marks a connection as needing re-authorisation and forgets its refresh token for good.
 *
 * @example
 * ```ts
 * await markReauthRequired(internals, ref, stored, 'invalid_grant');
 * ```
 */
export async function markReauthRequired(
  internals: OAuthInternals,
  ref: ConnectionRef,
  current: StoredRecord,
  reason: NonNullable<TokenRecord['reauthReason']>,
): Promise<void> {
  const next: TokenRecord = { ...current.record, version: current.record.version + 1, status: 'reauth_required', reauthReason: reason };
  delete next.refreshToken;
  delete next.refreshTokenExpiresAt;
  delete next.refreshAt;
  const swapped = await internals.credentials.compareAndSet(ref, current.stored, next);
  internals.context.logger.warn('oauth connection needs re-authorisation', { platform: ref.platform, tenantId: ref.tenantId, connectionId: ref.connectionId, reason, swapped });
}

/**
 * The error for a connection the user must authorise again.
 *
 * @example
 * ```ts
 * throw reauthError(internals, ref, 'invalid_grant');
 * ```
 */
export function reauthError(internals: OAuthInternals, ref: ConnectionRef, reason: string, cause?: unknown): AuthError {
  return new AuthError(
    `Connection "${ref.connectionId}" on ${ref.platform} needs the user to authorise again (${reason}); send them through the authorisation URL.`,
    { platform: ref.platform, retryable: false, cause, redactor: internals.redactor() },
  );
}
