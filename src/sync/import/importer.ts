import type { z } from 'zod';
import { createContext, type Context } from '../../core/context.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { MaybePromise } from '../../core/types.js';
import { applyColumnMapping, formatPath, type ColumnMapping } from '../mapper/paths.js';
import { csvRowBatches, type CsvOptions } from './csv.js';
import { jsonArray, jsonLineBatches, type ParsedValue } from './json.js';
import { textChunks, type ImportInput } from './text.js';

/**
 * The chunk of valid rows handed to `write`. `key` is the same every time this chunk is
 * delivered (a resume after a crash during `write` delivers it again): store it in the same
 * transaction as the rows, or upsert by a natural key, so a redelivery changes nothing.
 *
 * @example
 * ```ts
 * const write = async (rows: Row[], chunk: ImportChunk) => db.tx(async (tx) => {
 *   if (await tx.seen(chunk.key)) return;
 *   await tx.insert(rows);
 *   await tx.remember(chunk.key);
 * });
 * ```
 *
 * @category Import
 */
export interface ImportChunk {
  /** 0-based chunk number. */
  index: number;
  /** `<import id>:<index>`. */
  key: string;
  /** 1-based number of the first record of the chunk in the file. */
  firstRecord: number;
}

/**
 * A record that was not imported, with every reason: a record the format could not read
 * (path `(record)`: broken CSV quoting, the wrong number of columns, a line that is not JSON)
 * or one the schema refused (the field's path).
 *
 * @category Import
 */
export interface ImportRejection {
  /** 1-based record number in the file (CSV: not counting the header). */
  record: number;
  /** 1-based line of the file where the record (or the problem) is; CSV and JSON Lines. */
  line?: number;
  /** 1-based character column of a format problem within `line`, when it has one. */
  column?: number;
  reasons: { path: string; message: string }[];
}

/**
 * Options of {@link importRecords}.
 *
 * @example
 * ```ts
 * const options: ImportOptions<typeof RowSchema> = {
 *   id: 'stock-2026-11-22', input: file.stream(), format: 'csv', schema: RowSchema,
 *   columnMapping: { 'Item SKU': 'sku', Qty: 'quantity' },
 *   write: (rows) => engineSource.setMany(rows),
 * };
 * ```
 *
 * @category Import
 */
export interface ImportOptions<S extends z.ZodType> {
  /** Names the checkpoint: the same id resumes, a new id starts over. */
  id: string;
  input: ImportInput;
  format: 'csv' | 'json' | 'jsonl';
  /** Validates and coerces each (mapped) record; use `z.coerce` for CSV's strings. */
  schema: S;
  /** Source column or field → target path (`price.amount`); unmapped fields are dropped. */
  columnMapping?: ColumnMapping;
  /** Receives each chunk of valid rows; must be idempotent per `chunk.key`. */
  write: (rows: z.output<S>[], chunk: ImportChunk) => MaybePromise<void>;
  /** Valid rows per chunk (default 500). */
  chunkSize?: number;
  csv?: CsvOptions;
  /** Store (checkpoints), events (`syncProgress`) and tenant. */
  context?: Context;
  /** How many rejections the report keeps (default 1,000; all are counted). */
  maxRejections?: number;
  signal?: AbortSignal;
}

/**
 * What an import did. A resumed import reports the totals of all its attempts.
 *
 * @example
 * ```ts
 * const report = await importRecords(options);
 * console.log(`${report.imported} imported, ${report.rejected} rejected of ${report.records}`);
 * ```
 *
 * @category Import
 */
export interface ImportReport {
  id: string;
  status: 'completed';
  /** Records read (valid and rejected). */
  records: number;
  imported: number;
  rejected: number;
  chunks: number;
  /** The record the last attempt started after (0: from the start). */
  resumedAfter: number;
  rejections: ImportRejection[];
}

interface Checkpoint {
  records: number;
  imported: number;
  rejected: number;
  chunks: number;
  rejections: ImportRejection[];
  completed?: boolean;
}

/**
 * Imports a CSV, JSON (array) or JSON Lines stream in chunks: maps columns, validates and
 * coerces each record with zod, hands valid rows to `write` a chunk at a time, and checkpoints
 * after each chunk in the store. Killed anywhere, the same call (same `id`, the input opened
 * again) resumes after the last committed chunk, so no record is imported twice.
 *
 * @example
 * ```ts
 * const report = await importRecords({
 *   id: 'stock-upload-17', format: 'csv', input: request.body!,
 *   schema: z.object({ sku: z.string().min(1), quantity: z.coerce.number().int().min(0) }),
 *   columnMapping: { 'Item SKU': 'sku', Qty: 'quantity' },
 *   write: (rows) => source.setMany(rows),
 *   context: { store },
 * });
 * ```
 *
 * @category Import
 */
export async function importRecords<S extends z.ZodType>(options: ImportOptions<S>): Promise<ImportReport> {
  validate(options);
  const context = createContext(options.context);
  const key = `import:${context.tenantId}:${options.id}`;
  const chunkSize = options.chunkSize ?? 500;
  const keep = options.maxRejections ?? 1_000;
  const saved = (await context.store.get<Checkpoint>(key)) ?? undefined;
  const state: Checkpoint = saved
    ? structuredClone(saved)
    : { records: 0, imported: 0, rejected: 0, chunks: 0, rejections: [] };
  const resumedAfter = state.records;
  const report = (): ImportReport => ({
    id: options.id,
    status: 'completed',
    records: state.records,
    imported: state.imported,
    rejected: state.rejected,
    chunks: state.chunks,
    resumedAfter,
    rejections: state.rejections,
  });
  if (state.completed) return report();

  let rows: z.output<S>[] = [];
  let pendingRejections: ImportRejection[] = [];
  let firstRecord = state.records + 1;
  let record = 0;
  const flush = async () => {
    const index = state.chunks;
    if (rows.length > 0) await options.write(rows, { index, key: `${options.id}:${index}`, firstRecord });
    state.imported += rows.length;
    state.rejected += pendingRejections.length;
    state.rejections = [...state.rejections, ...pendingRejections].slice(0, keep);
    state.records = record;
    state.chunks += rows.length > 0 ? 1 : 0;
    await context.store.set(key, state);
    context.events.emit('syncProgress', { runId: options.id, phase: 'import', done: state.records });
    rows = [];
    pendingRejections = [];
    firstRecord = record + 1;
  };

  // Records arrive an array per text chunk: one promise per chunk, not per record.
  for await (const batch of recordBatches(options)) {
    for (const item of batch) {
      record++;
      // Records up to the checkpoint were committed by an earlier attempt.
      if (record <= resumedAfter) continue;
      options.signal?.throwIfAborted();
      if (!item.ok)
        pendingRejections.push({
          record,
          ...position(item.line, item.column),
          reasons: [{ path: '(record)', message: item.message }],
        });
      else {
        const mapped = options.columnMapping ? applyColumnMapping(item.value, options.columnMapping) : item.value;
        const parsed = options.schema.safeParse(mapped);
        if (parsed.success) rows.push(parsed.data);
        else
          pendingRejections.push({
            record,
            ...position(item.line, undefined),
            reasons: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
          });
      }
      if (rows.length >= chunkSize) await flush();
    }
  }
  if (record > state.records) await flush();
  state.completed = true;
  await context.store.set(key, state);
  context.events.emit('syncProgress', {
    runId: options.id,
    phase: 'import_completed',
    done: state.records,
    total: state.records,
  });
  return report();
}

function position(line: number | undefined, column: number | undefined): { line?: number; column?: number } {
  return line === undefined ? {} : column === undefined ? { line } : { line, column };
}

function recordBatches(options: ImportOptions<z.ZodType>): AsyncGenerator<ParsedValue[]> {
  const text = textChunks(options.input, options.signal);
  if (options.format === 'jsonl') return jsonLineBatches(text);
  if (options.format === 'json') return singles(jsonArray(text));
  return csvRowBatches(text, options.csv);
}

async function* singles(items: AsyncIterable<ParsedValue>): AsyncGenerator<ParsedValue[]> {
  for await (const item of items) yield [item];
}

function validate(options: ImportOptions<z.ZodType>): void {
  const issues: ValidationIssue[] = [];
  if (typeof options?.id !== 'string' || options.id.length === 0)
    issues.push({ path: ['id'], message: 'Give the import a non-empty id; the same id resumes it.' });
  if (!['csv', 'json', 'jsonl'].includes(options?.format))
    issues.push({ path: ['format'], message: 'Use csv, json or jsonl.' });
  if (typeof options?.schema?.safeParse !== 'function')
    issues.push({ path: ['schema'], message: 'Expected a zod schema.' });
  if (typeof options?.write !== 'function')
    issues.push({ path: ['write'], message: 'Expected a function that stores a chunk of rows.' });
  if (!options?.input)
    issues.push({ path: ['input'], message: 'Expected a ReadableStream or an (async) iterable of strings or bytes.' });
  if (options?.chunkSize !== undefined && !(Number.isSafeInteger(options.chunkSize) && options.chunkSize > 0))
    issues.push({ path: ['chunkSize'], message: 'Expected a positive whole number.' });
  const csv = options?.csv;
  if (
    csv?.delimiter !== undefined &&
    (typeof csv.delimiter !== 'string' || csv.delimiter.length !== 1 || ['"', '\r', '\n'].includes(csv.delimiter))
  )
    issues.push({ path: ['csv', 'delimiter'], message: 'Expected one character other than a quote or a line break.' });
  if (csv?.relaxQuotes !== undefined && typeof csv.relaxQuotes !== 'boolean')
    issues.push({ path: ['csv', 'relaxQuotes'], message: 'Expected true or false.' });
  if (csv?.maxRecordLength !== undefined && !(Number.isSafeInteger(csv.maxRecordLength) && csv.maxRecordLength > 0))
    issues.push({ path: ['csv', 'maxRecordLength'], message: 'Expected a positive whole number of characters.' });
  if (
    csv?.columns !== undefined &&
    !(Array.isArray(csv.columns) && csv.columns.every((name) => typeof name === 'string'))
  )
    issues.push({ path: ['csv', 'columns'], message: 'Expected an array of column names.' });
  if (issues.length > 0) throw new ValidationError('import options', issues);
}
