/**
 * Structured fields attached to a log line. Never put secrets here; marketbridge redacts its
 * own fields before logging.
 *
 * @category Events and logging
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
 *
 * @category Events and logging
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
 *
 * @category Events and logging
 */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * A logger that prints warnings and errors to the console and discards the rest: the default
 * of the parts whose warnings a user must not miss (`RealWorldAdapter`, `InventorySyncEngine`)
 * when their context names no logger. Pass `logger: silentLogger` to silence them, or your own.
 *
 * @example
 * ```ts
 * const engine = new InventorySyncEngine({ source, channels, context: { logger: consoleWarningLogger } });
 * ```
 *
 * @category Events and logging
 */
export const consoleWarningLogger: Logger = {
  debug: noop,
  info: noop,
  warn: (message, fields) =>
    fields && Object.keys(fields).length
      ? console.warn(`marketbridge: ${message}`, fields)
      : console.warn(`marketbridge: ${message}`),
  error: (message, fields) =>
    fields && Object.keys(fields).length
      ? console.error(`marketbridge: ${message}`, fields)
      : console.error(`marketbridge: ${message}`),
};
