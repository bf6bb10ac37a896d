import { AuthError } from '../core/errors/auth-error.js';
import type { StoredRecord } from './credential-store.js';
import type { ConnectionRef, TokenRecord } from './token-record.js';
import type { OAuthInternals } from './oauth-context.js';

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
  const next: TokenRecord = {
    ...current.record,
    version: current.record.version + 1,
    status: 'reauth_required',
    reauthReason: reason,
  };
  delete next.refreshToken;
  delete next.refreshTokenExpiresAt;
  delete next.refreshAt;
  const swapped = await internals.credentials.compareAndSet(ref, current.stored, next);
  internals.context.logger.warn('oauth connection needs re-authorisation', {
    platform: ref.platform,
    tenantId: ref.tenantId,
    connectionId: ref.connectionId,
    reason,
    swapped,
  });
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
