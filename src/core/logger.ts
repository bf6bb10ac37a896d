/**
 * Structured fields attached to a log line. Never put secrets here; marketbridge redacts its
 * own fields before logging.
 *
 * @example
 * ```ts
 * const fields: LogFields = { platform: 'shopify', operation: 'setInventory', items: 250 };
 * ```
 */
export type LogFields = Record<string, unknown>;

/**
 * The logger marketbridge writes to. Compatible with pino, winston and console-style loggers
 * through a thin wrapper.
 *
 * @example
 * ```ts
 * const logger: Logger = {
 *   debug: (msg, fields) => console.debug(msg, fields),
 *   info: (msg, fields) => console.info(msg, fields),
 *   warn: (msg, fields) => console.warn(msg, fields),
 *   error: (msg, fields) => console.error(msg, fields),
 * };
 * ```
 */
export interface Logger {
  /** Detail for troubleshooting: requests, retries, waits. */
  debug(message: string, fields?: LogFields): void;
  /** Notable progress: a sync run finished, a token was refreshed. */
  info(message: string, fields?: LogFields): void;
  /** Something went wrong and was handled: throttling, a retried failure, a deprecation. */
  warn(message: string, fields?: LogFields): void;
  /** Something went wrong and was not handled. */
  error(message: string, fields?: LogFields): void;
}

const noop = () => {};

/**
 * A logger that discards everything; the default.
 *
 * @example
 * ```ts
 * const context = createContext({ logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
