import { CsvReader, type CsvRecord } from './csv-reader.js';
import { ImportFormatError } from './import-format-error.js';
import type { ParsedValue } from './json.js';

/** The longest CSV record read by default, in characters (1 MiB). */
const DEFAULT_MAX_RECORD_LENGTH = 1_048_576;

/**
 * Options of the CSV reader. By default it follows RFC 4180 strictly: a field that contains the
 * delimiter, a quote or a line break must be quoted, and quotes inside it doubled.
 *
 * @example
 * ```ts
 * const csv: CsvOptions = { delimiter: ';' };
 * const fromExcel: CsvOptions = { delimiter: ';', relaxQuotes: true };
 * ```
 *
 * @category Import
 */
export interface CsvOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Column names when the file has no header row; omitted: the first row is the header. */
  columns?: string[];
  /**
   * Keep quotes RFC 4180 does not allow as characters instead of rejecting the record: a quote
   * inside an unquoted field (`TV 5" stand`) and text after a closing quote (`"5" stand`).
   * Default `false`. A quoted field that is never closed is rejected either way.
   */
  relaxQuotes?: boolean;
  /**
   * The longest record, in characters (default 1,048,576). A longer one — usually a quote that
   * is never closed — is rejected, and memory stays bounded whatever the file holds.
   */
  maxRecordLength?: number;
}

/**
 * Streams CSV records (RFC 4180: quoted fields, doubled quotes, delimiters and line breaks
 * inside quotes, CRLF, LF or CR line ends) with the line each starts on. A record that breaks
 * the quoting rules is yielded as a rejection naming line and column; it never merges with its
 * neighbours (see `CsvReader`).
 * @example
 * ```ts
 * for await (const record of csvRecords(textChunks(file))) if (record.ok) console.log(record.fields);
 * ```
 */
export async function* csvRecords(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(chunks, options)) yield* batch;
}

/** {@link csvRecords}, one array of records per text chunk (no promise per record). */
async function* csvRecordBatches(chunks: AsyncIterable<string>, options: CsvOptions): AsyncGenerator<CsvRecord[]> {
  const reader = new CsvReader({
    delimiter: options.delimiter ?? ',',
    relaxQuotes: options.relaxQuotes ?? false,
    maxRecordLength: options.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH,
  });
  for await (const chunk of chunks) {
    const batch = reader.push(chunk);
    if (batch.length > 0) yield batch;
  }
  const rest = reader.end();
  if (rest.length > 0) yield rest;
}

/**
 * The column names of a header, or the error for one that names a column twice (the last
 * value would silently win).
 */
export function checkHeader(names: readonly string[], line: number | undefined): string[] {
  const first = new Map<string, number>();
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (seen !== undefined) {
      const where = line === undefined ? 'in `csv.columns`' : `in the header at line ${line}`;
      throw new ImportFormatError(
        'duplicate_column',
        `Column "${name}" appears twice ${where}: columns ${seen + 1} and ${i + 1}. Rename one of them.`,
        {
          ...(line === undefined ? {} : { line }),
          field: i + 1,
        },
      );
    }
    first.set(name, i);
  });
  return [...names];
}

/**
 * CSV rows as objects keyed by the header's column names, with their line. Blank lines are
 * skipped; a row with another number of fields than the header, or one that breaks the
 * quoting rules, is a rejection naming its line. A header that breaks the quoting rules or
 * names a column twice throws an `ImportFormatError`.
 * @example
 * ```ts
 * for await (const row of csvRows(textChunks(file), { delimiter: ';' })) if (row.ok) console.log(row.value);
 * ```
 */
export async function* csvRows(chunks: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<ParsedValue> {
  for await (const batch of csvRowBatches(chunks, options)) yield* batch;
}

/**
 * {@link csvRows}, one array of rows per text chunk, so the importer loops over a chunk's rows
 * without a promise each.
 * @example
 * ```ts
 * for await (const batch of csvRowBatches(textChunks(file))) for (const row of batch) if (row.ok) console.log(row.value);
 * ```
 */
export async function* csvRowBatches(
  chunks: AsyncIterable<string>,
  options: CsvOptions = {},
): AsyncGenerator<ParsedValue[]> {
  let header = options.columns ? checkHeader(options.columns, undefined) : undefined;
  for await (const records of csvRecordBatches(chunks, options)) {
    const batch: ParsedValue[] = [];
    for (const record of records) {
      const blank = record.ok && record.fields.length === 1 && record.fields[0] === '';
      if (!header) {
        if (!record.ok)
          throw new ImportFormatError('malformed_header', `The header row cannot be read: ${record.message}`, {
            line: record.line,
            column: record.column,
          });
        if (!blank)
          header = checkHeader(
            record.fields.map((name) => name.trim()),
            record.line,
          );
        continue;
      }
      if (!record.ok) {
        batch.push({ ok: false, message: record.message, line: record.line, column: record.column });
        continue;
      }
      if (blank) continue;
      const { fields, line } = record;
      if (fields.length !== header.length) {
        batch.push({
          ok: false,
          message: `Expected ${header.length} columns, found ${fields.length} at line ${line}; check quoting and the delimiter.`,
          line,
        });
        continue;
      }
      // No prototype: a column named like an Object.prototype member is just a column.
      const value: Record<string, string> = Object.create(null);
      for (let i = 0; i < header.length; i++) value[header[i] as string] = fields[i] as string;
      batch.push({ ok: true, value, line });
    }
    if (batch.length > 0) yield batch;
  }
}
