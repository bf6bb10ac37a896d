import { AuthError } from '../core/errors/auth-error.js';
import type { OAuthInternals } from './oauth-context.js';
import { markReauthRequired, reauthError } from './reauth.js';
import { isFresh, recordFromGrant } from './grant-record.js';
import { requestToken } from './token-endpoint.js';
import type { ConnectionRef, TokenRecord } from './token-record.js';

/**
 * Gets new tokens for a connection while holding the connection's lock, so that across every
 * process sharing the store exactly one token request is made. After taking the lock the
 * record is read again: whoever held the lock before may already have refreshed.
 *
 * @example
 * ```ts
 * const record = await refreshUnderLock(internals, ref, 'authorization_code', undefined, signal);
 * ```
 */
export async function refreshUnderLock(
  internals: OAuthInternals,
  ref: ConnectionRef,
  grantType: TokenRecord['grant'],
  rejectedToken: string | undefined,
  signal: AbortSignal | undefined,
): Promise<TokenRecord> {
  const { config, context, credentials } = internals;
  const lockKey = `oauth-refresh:${credentials.key(ref)}`;
  const options = signal
    ? { waitMs: config.lockWaitMs, retryDelayMs: 25, signal }
    : { waitMs: config.lockWaitMs, retryDelayMs: 25 };
  const handle = await context.lock.acquire(lockKey, config.lockTtlMs, options);
  if (!handle) {
    const latest = await credentials.read(ref);
    if (latest && isFresh(latest.record, context.clock.now(), rejectedToken)) return latest.record;
    throw new AuthError(`Another process is still refreshing the token of "${ref.connectionId}"; try again shortly.`, {
      platform: ref.platform,
      retryable: true,
    });
  }
  try {
    const stored = await credentials.read(ref);
    internals.remember(stored?.record);
    if (stored && isFresh(stored.record, context.clock.now(), rejectedToken)) return stored.record;
    if (stored?.record.status === 'reauth_required')
      throw reauthError(internals, ref, stored.record.reauthReason ?? 'reauth_required');
    let params: Record<string, string>;
    if (grantType === 'client_credentials') {
      params = { grant_type: 'client_credentials' };
      if (config.scopes.length > 0) params.scope = config.scopes.join(' ');
    } else {
      if (!stored) throw reauthError(internals, ref, 'not connected');
      if (!stored.record.refreshToken) {
        await markReauthRequired(internals, ref, stored, 'no_refresh_token');
        throw reauthError(internals, ref, 'no refresh token');
      }
      params = { grant_type: 'refresh_token', refresh_token: stored.record.refreshToken };
      if (config.refreshWithScopes && config.scopes.length > 0) params.scope = config.scopes.join(' ');
    }
    const result = await requestToken(config, context.fetch, context.clock, params, signal);
    switch (result.kind) {
      case 'ok': {
        const next = recordFromGrant(internals, result.grant, stored?.record, grantType);
        internals.remember(next);
        if (!(await credentials.compareAndSet(ref, stored?.stored, next))) {
          // Only possible if the lock expired under us; these tokens are the newest the server issued.
          const latest = await credentials.read(ref);
          next.version = Math.max(next.version, (latest?.record.version ?? 0) + 1);
          await credentials.write(ref, next);
        }
        const event: {
          platform: string;
          tenantId: string;
          connectionId: string;
          rotatedRefreshToken: boolean;
          expiresAt?: number;
        } = {
          platform: ref.platform,
          tenantId: ref.tenantId,
          connectionId: ref.connectionId,
          rotatedRefreshToken:
            result.grant.refreshToken !== undefined && result.grant.refreshToken !== stored?.record.refreshToken,
        };
        if (next.expiresAt !== undefined) event.expiresAt = next.expiresAt;
        context.events.emit('tokenRefreshed', event);
        context.logger.info('oauth token refreshed', {
          platform: ref.platform,
          tenantId: ref.tenantId,
          connectionId: ref.connectionId,
          version: next.version,
        });
        return next;
      }
      case 'invalid_grant': {
        // Someone may have refreshed with this token just before us (e.g. a lock that expired).
        const latest = await credentials.read(ref);
        if (
          latest &&
          latest.record.version !== stored?.record.version &&
          isFresh(latest.record, context.clock.now(), rejectedToken)
        )
          return latest.record;
        if (grantType === 'client_credentials' || !latest) {
          throw new AuthError(
            'The token endpoint answered invalid_grant for the client credentials; check the client id, secret and scopes.',
            {
              platform: ref.platform,
              status: result.status,
              redactor: internals.redactor(),
            },
          );
        }
        await markReauthRequired(internals, ref, latest, 'invalid_grant');
        throw reauthError(internals, ref, 'refresh token rejected: invalid_grant');
      }
      case 'rejected':
        throw new AuthError(
          `The token endpoint rejected the request (HTTP ${result.status}, ${result.error}); check the client id and secret.`,
          {
            platform: ref.platform,
            status: result.status,
            redactor: internals.redactor(),
          },
        );
      case 'unavailable':
        if (
          grantType === 'authorization_code' &&
          stored &&
          config.refreshTokenRotation === 'rotating' &&
          result.consumed !== 'no'
        ) {
          // The single-use refresh token may be spent; sending it again could revoke the grant.
          await markReauthRequired(internals, ref, stored, 'refresh_outcome_unknown');
          throw reauthError(internals, ref, `refresh outcome unknown: ${result.detail}`, result.cause);
        }
        throw new AuthError(`The token endpoint is unavailable (${result.detail}); try again later.`, {
          platform: ref.platform,
          retryable: true,
          cause: result.cause,
          redactor: internals.redactor(),
        });
    }
  } finally {
    await context.lock.release(handle);
  }
}
