import type { Clock } from '../../core/clock.js';
import type { Redactor } from '../../core/errors/redact.js';
import type { Logger, LogFields } from '../../core/logger.js';

/**
 * The level of an integration log entry, from least to most severe.
 *
 * @example
 * ```ts
 * const level: IntegrationLogLevel = 'warn';
 * ```
 */
export type IntegrationLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * One entry of `RealWorldAdapter.getIntegrationLogs()`: redacted when written.
 *
 * @example
 * ```ts
 * const entry: IntegrationLogEntry = { at: '2026-11-22T10:00:00.000Z', level: 'info', message: 'executed set_price', fields: { sku: 'A-1' } };
 * ```
 */
export interface IntegrationLogEntry {
  /** ISO timestamp. */
  at: string;
  level: IntegrationLogLevel;
  message: string;
  fields: LogFields;
}

/**
 * Filters of `RealWorldAdapter.getIntegrationLogs()`.
 *
 * @example
 * ```ts
 * adapter.getIntegrationLogs({ level: 'warn', since: '2026-11-22T00:00:00.000Z', limit: 50 });
 * ```
 */
export interface IntegrationLogQuery {
  /** The least severe level to include (default `debug`: everything). */
  level?: IntegrationLogLevel;
  /** Only entries at or after this time (ISO timestamp or epoch ms). */
  since?: string | number;
  /** At most this many, the newest (default: all kept). */
  limit?: number;
}

const RANK: Record<IntegrationLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * A bounded, redacted ring of log entries that also forwards to the host's logger.
 *
 * @example
 * ```ts
 * const log = new IntegrationLog({ limit: 100, redactor: createRedactor(), clock: systemClock, logger: silentLogger });
 * log.write('info', 'connected');
 * ```
 */
export class IntegrationLog {
  readonly #entries: { atMs: number; entry: IntegrationLogEntry }[] = [];
  #redactor: Redactor;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #limit: number;

  constructor(options: { limit: number; redactor: Redactor; clock: Clock; logger: Logger }) {
    this.#limit = options.limit;
    this.#redactor = options.redactor;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** Replaces the redactor (when privacy settings change). */
  setRedactor(redactor: Redactor): void {
    this.#redactor = redactor;
  }

  write(level: IntegrationLogLevel, message: string, fields: LogFields = {}): void {
    const atMs = this.#clock.now();
    const entry: IntegrationLogEntry = { at: new Date(atMs).toISOString(), level, message: this.#redactor.text(message), fields: this.#redactor.value(fields) };
    this.#entries.push({ atMs, entry });
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
    this.#logger[level](entry.message, entry.fields);
  }

  read(query: IntegrationLogQuery = {}): IntegrationLogEntry[] {
    const min = RANK[query.level ?? 'debug'];
    const since = typeof query.since === 'string' ? Date.parse(query.since) : query.since;
    const found = this.#entries.filter(({ atMs, entry }) => RANK[entry.level] >= min && (since === undefined || atMs >= since)).map(({ entry }) => structuredClone(entry));
    return query.limit === undefined ? found : found.slice(Math.max(0, found.length - query.limit));
  }
}
