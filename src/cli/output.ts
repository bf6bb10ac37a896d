import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import { createRedactor } from '../core/errors/redact.js';

/**
 * Where a command writes: stdout for results, stderr for progress and errors.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** `--json`: one JSON document on stdout, nothing else there. */
  json: boolean;
  /** stderr is a terminal: progress bars are drawn. */
  interactive: boolean;
  /** Secrets read during this run: redacted from every message. */
  secrets: string[];
}

/**
 * A failure the CLI reports as a message and an exit code, never a stack trace.
 *
 * @example
 * ```ts
 * throw new CliError('Set the secret with --secret-env NAME or --secret-file PATH.', 2);
 * ```
 */
export class CliError extends Error {
  override name = 'CliError';
  /**
   * @param message - what went wrong and how to fix it
   * @param exitCode - 1 for a negative answer, 2 for a usage problem
   */
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * Formats rows as an aligned text table.
 *
 * @example
 * ```ts
 * formatTable([{ sku: 'A', qty: 3 }], ['sku', 'qty']); // 'sku  qty\nA    3\n'
 * ```
 */
export function formatTable(list: readonly object[], columns: readonly string[]): string {
  const rows = list as readonly Record<string, unknown>[];
  const cell = (value: unknown) =>
    value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line([...columns]), ...rows.map((row) => line(columns.map((column) => cell(row[column]))))].join('\n')}\n`;
}

/**
 * Prints a result: JSON with `--json`, else the text the command renders.
 *
 * @example
 * ```ts
 * emit(io, report, () => formatTable(report.rows, ['sku', 'qty']));
 * ```
 */
export function emit(io: CliIo, value: unknown, text: () => string): void {
  io.out(io.json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

/**
 * The message of any failure, redacted, for stderr (or a JSON error document).
 *
 * @example
 * ```ts
 * io.err(`error: ${describeError(error, io.secrets)}\n`);
 * ```
 */
export function describeError(error: unknown, secrets: readonly string[]): string {
  const redactor = createRedactor({ secrets: [...secrets] });
  const text =
    error instanceof CliError || isMarketbridgeError(error)
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return redactor.text(text);
}
