import { redactCause } from './redact-cause.js';
import { createRedactor, type Redactor, type RequestSnapshot } from './redact.js';

const BRAND = Symbol.for('marketbridge.error');

/**
 * The machine-readable kind of a {@link MarketbridgeError}.
 *
 * @category Errors
 */
export type ErrorCode =
  | 'rate_limited'
  | 'auth_failed'
  | 'not_found'
  | 'validation_failed'
  | 'conflict'
  | 'circuit_open'
  | 'timeout'
  | 'unsupported_operation'
  | 'safety_violation'
  | 'marketplace_api_error'
  | 'internal';

/**
 * Structured context every {@link MarketbridgeError} can carry.
 *
 * @example
 * ```ts
 * const options: MarketbridgeErrorOptions = { platform: 'shopify', operation: 'updatePrices', status: 502 };
 * ```
 *
 * @category Errors
 */
export interface MarketbridgeErrorOptions {
  /** Marketplace name, e.g. `shopify` or a user-registered name. */
  platform?: string;
  /** The canonical or platform operation that failed. */
  operation?: string;
  /** HTTP status, when the failure came from an HTTP response. */
  status?: number;
  /** Whether trying again later can succeed. Defaults per subclass. */
  retryable?: boolean;
  /** The underlying error; a redacted copy of it is stored (see `redactCause`). */
  cause?: unknown;
  /** The request that failed; it is redacted before it is stored. */
  request?: RequestSnapshot;
  /** A redactor that knows this connection's secret values; defaults to the standard rules. */
  redactor?: Redactor;
}

/**
 * The JSON form of a {@link MarketbridgeError} (what `toJSON` returns and loggers print).
 *
 * @category Errors
 */
export interface MarketbridgeErrorJSON {
  name: string;
  code: ErrorCode;
  message: string;
  platform?: string;
  operation?: string;
  status?: number;
  retryable: boolean;
  request?: RequestSnapshot;
  cause?: unknown;
}

const defaultRedactor = createRedactor();

function describeCause(cause: unknown, redactor: Redactor, depth = 0): unknown {
  if (cause === undefined || depth > 5) return undefined;
  if (isMarketbridgeError(cause)) return cause.toJSON();
  if (cause instanceof Error) {
    return {
      name: cause.name,
      message: redactor.text(cause.message),
      cause: describeCause((cause as { cause?: unknown }).cause, redactor, depth + 1),
    };
  }
  return redactor.value(cause);
}

/**
 * The base class of every error marketbridge throws. It has a literal `name`, a `code`, the
 * platform and operation, the HTTP status, whether it is `retryable`, a redacted copy of the
 * request, and the `cause`. Secrets never appear in its message, `toJSON` or request.
 *
 * @example
 * ```ts
 * try {
 *   await marketplace.updatePrices(updates);
 * } catch (error) {
 *   if (isMarketbridgeError(error) && error.retryable) scheduleRetry();
 *   else throw error;
 * }
 * ```
 *
 * @category Errors
 */
export class MarketbridgeError extends Error {
  override name = 'MarketbridgeError';
  /** The machine-readable kind of failure. */
  readonly code: ErrorCode;
  /** Marketplace name, when known. */
  readonly platform?: string;
  /** Operation name, when known. */
  readonly operation?: string;
  /** HTTP status, when the failure came from a response. */
  readonly status?: number;
  /** Whether trying again later can succeed. */
  readonly retryable: boolean;
  /** The failed request, redacted. */
  readonly request?: RequestSnapshot;
  /** A redacted copy of the underlying error (same prototype, secrets replaced). */
  declare readonly cause?: unknown;

  /**
   * @param code - the kind of failure
   * @param message - what went wrong and how to fix it
   * @param options - structured context; `request` is redacted before it is stored
   */
  constructor(code: ErrorCode, message: string, options: MarketbridgeErrorOptions = {}) {
    const redactor = options.redactor ?? defaultRedactor;
    // The cause is copied with secrets removed before it is stored: `error.cause`, `util.inspect`
    // and loggers that walk the chain see only the copy.
    super(
      redactor.text(message),
      options.cause === undefined ? undefined : { cause: redactCause(options.cause, redactor) },
    );
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
    Object.defineProperty(this, 'redactor', { value: redactor, enumerable: false });
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.platform !== undefined) this.platform = options.platform;
    if (options.operation !== undefined) this.operation = options.operation;
    if (options.status !== undefined) this.status = options.status;
    if (options.request) this.request = redactor.request(options.request);
  }

  /** A JSON-safe, redacted description of this error and its cause chain. */
  toJSON(): MarketbridgeErrorJSON {
    const redactor = (this as unknown as { redactor: Redactor }).redactor ?? defaultRedactor;
    const json: MarketbridgeErrorJSON = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
    };
    if (this.platform !== undefined) json.platform = this.platform;
    if (this.operation !== undefined) json.operation = this.operation;
    if (this.status !== undefined) json.status = this.status;
    if (this.request) json.request = this.request;
    const cause = describeCause(this.cause, redactor);
    if (cause !== undefined) json.cause = cause;
    return json;
  }
}

/**
 * Tells whether `value` is a {@link MarketbridgeError}, also across realms and duplicated
 * package copies (it checks a brand, not only `instanceof`).
 *
 * @example
 * ```ts
 * if (isMarketbridgeError(error, 'rate_limited')) await sleep(error.retryAfterMs ?? 1000);
 * ```
 *
 * @category Errors
 */
export function isMarketbridgeError(value: unknown, code?: ErrorCode): value is MarketbridgeError {
  const branded = typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  return branded && (code === undefined || (value as MarketbridgeError).code === code);
}
