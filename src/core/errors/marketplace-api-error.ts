import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * Options of {@link MarketplaceApiError}.
 *
 * @example
 * ```ts
 * const options: MarketplaceApiErrorOptions = { status: 400, body: { errors: [{ code: 'InvalidInput' }] } };
 * ```
 *
 * @category Errors
 */
export interface MarketplaceApiErrorOptions extends MarketbridgeErrorOptions {
  /** The platform's own error body (parsed JSON or text); redacted before it is stored. */
  body?: unknown;
}

/**
 * The marketplace answered with an error that no more specific class describes. `body` holds
 * the platform's own error payload, redacted. 5xx answers are `retryable`.
 *
 * @example
 * ```ts
 * throw new MarketplaceApiError('bol.com rejected the offer.', { status: 400, body: problemJson });
 * ```
 *
 * @category Errors
 */
export class MarketplaceApiError extends MarketbridgeError {
  override name = 'MarketplaceApiError' as const;
  /** The platform's error body, redacted. */
  readonly body?: unknown;

  /**
   * @param message - what failed
   * @param options - structured context and the platform's body
   */
  constructor(message: string, options: MarketplaceApiErrorOptions = {}) {
    const retryable = options.retryable ?? (options.status !== undefined && options.status >= 500);
    super('marketplace_api_error', message, { ...options, retryable });
    if (options.body !== undefined) {
      const redactor = (this as unknown as { redactor: { value<T>(v: T): T } }).redactor;
      this.body = redactor.value(options.body);
    }
  }

  /** A JSON-safe, redacted description including the platform's body. */
  override toJSON() {
    return { ...super.toJSON(), ...(this.body === undefined ? {} : { body: this.body }) };
  }
}
