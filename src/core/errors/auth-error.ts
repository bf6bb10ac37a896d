import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * Authentication or authorisation failed: a token was rejected, a refresh token was consumed, or the user must authorise again.
 *
 * @example
 * ```ts
 * throw new AuthError('The refresh token was revoked; ask the seller to reconnect.', { platform: 'ebay' });
 * ```
 *
 * @category Errors
 */
export class AuthError extends MarketbridgeError {
  override name = 'AuthError' as const;

  /**
   * @param message - what went wrong and how to fix it
   * @param options - structured context
   */
  constructor(message: string, options: MarketbridgeErrorOptions = {}) {
    super('auth_failed', message, { retryable: false, ...options });
  }
}
