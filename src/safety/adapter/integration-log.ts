import type { Clock } from '../../core/clock.js';
import type { Redactor } from '../../core/errors/redact.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { Logger, LogFields } from '../../core/logger.js';

/**
 * The level of an integration log entry, from least to most severe.
 *
 * @category Real-world adapter
 */
export type IntegrationLogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * One entry of `RealWorldAdapter.getIntegrationLogs()`: redacted when written.
 *
 * @category Real-world adapter
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
 * @category Real-world adapter
 */
export interface IntegrationLogQuery {
  /** The least severe level to include, in any case (default `debug`: everything). */
  level?: IntegrationLogLevel | Uppercase<IntegrationLogLevel>;
  /** Only entries at or after this time (ISO timestamp or epoch ms). */
  since?: string | number;
  /** At most this many, the newest (default: all kept). */
  limit?: number;
}

const RANK: Record<IntegrationLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The least rank and the earliest time a query asks for; every problem reported at once. */
function checkQuery(query: IntegrationLogQuery): { min: number; since: number | undefined } {
  const issues: ValidationIssue[] = [];
  const level = query.level === undefined ? 'debug' : String(query.level).toLowerCase();
  const min = Object.hasOwn(RANK, level) ? RANK[level as IntegrationLogLevel] : undefined;
  if (min === undefined)
    issues.push({
      path: ['level'],
      message: `Unknown level ${JSON.stringify(query.level)}; use one of ${Object.keys(RANK).join(', ')} (any case).`,
    });
  const since = typeof query.since === 'string' ? Date.parse(query.since) : query.since;
  if (since !== undefined && !Number.isFinite(since))
    issues.push({
      path: ['since'],
      message: `Expected an ISO timestamp or epoch milliseconds, got ${JSON.stringify(query.since)}.`,
    });
  if (query.limit !== undefined && !(Number.isSafeInteger(query.limit) && query.limit >= 0))
    issues.push({ path: ['limit'], message: `Expected a non-negative integer, got ${JSON.stringify(query.limit)}.` });
  if (issues.length) throw new ValidationError('integration log query', issues);
  return { min: min ?? 0, since };
}

/**
 * What writes into an {@link IntegrationLog}: the log itself, or a writer bound to one redactor.
 */
export type IntegrationLogWriter = Pick<IntegrationLog, 'write'>;

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

  /** Adds an entry (redacted) and forwards it to the host's logger. */
  write(level: IntegrationLogLevel, message: string, fields: LogFields = {}): void {
    this.#append(level, message, fields, this.#redactor);
  }

  /**
   * A writer into this log that always redacts with `redactor`, whatever the log's redactor
   * becomes later: an action writes with the privacy settings it started with.
   *
   * @example
   * ```ts
   * const writer = log.withRedactor(privacyRedactor(settings));
   * writer.write('info', 'applied set_price');
   * ```
   */
  withRedactor(redactor: Redactor): IntegrationLogWriter {
    return { write: (level, message, fields = {}) => this.#append(level, message, fields, redactor) };
  }

  #append(level: IntegrationLogLevel, message: string, fields: LogFields, redactor: Redactor): void {
    const atMs = this.#clock.now();
    const entry: IntegrationLogEntry = {
      at: new Date(atMs).toISOString(),
      level,
      message: redactor.text(message),
      fields: redactor.value(fields),
    };
    this.#entries.push({ atMs, entry });
    if (this.#entries.length > this.#limit) this.#entries.splice(0, this.#entries.length - this.#limit);
    this.#logger[level](entry.message, entry.fields);
  }

  /** The kept entries matching `query`; throws `ValidationError` for a query that cannot match as meant. */
  read(query: IntegrationLogQuery = {}): IntegrationLogEntry[] {
    const { min, since } = checkQuery(query);
    const found = this.#entries
      .filter(({ atMs, entry }) => RANK[entry.level] >= min && (since === undefined || atMs >= since))
      .map(({ entry }) => structuredClone(entry));
    return query.limit === undefined ? found : found.slice(Math.max(0, found.length - query.limit));
  }
}
