import { MarketbridgeError } from '../../core/errors/marketbridge-error.js';

/**
 * Why a whole import file could not be read (as opposed to one record, which is rejected and
 * reported in `ImportReport.rejections`):
 * - `invalid_utf8`: bytes that are not UTF-8 (re-save the file as UTF-8);
 * - `invalid_input`: a chunk of the input is neither bytes nor a string;
 * - `malformed_header`: the CSV header row breaks the quoting rules;
 * - `duplicate_column`: a CSV header names a column twice;
 * - `not_an_array`, `unclosed_array`, `text_after_array`: a `json` import is not one top-level array.
 *
 * @category Import
 */
export type ImportFormatReason =
  | 'invalid_utf8'
  | 'invalid_input'
  | 'malformed_header'
  | 'duplicate_column'
  | 'not_an_array'
  | 'unclosed_array'
  | 'text_after_array';

/**
 * Where an {@link ImportFormatError} was found.
 *
 * @category Import
 */
export interface ImportFormatPosition {
  /** 1-based line of the file. */
  line?: number;
  /** 1-based character column within the line. */
  column?: number;
  /** 1-based CSV column (field) number, for header problems. */
  field?: number;
}

/**
 * The import file as a whole cannot be read. Thrown by `importRecords`; chunks written before
 * the problem was reached stay written and checkpointed, so after fixing the file the same
 * import `id` resumes after them (the records before the problem are unchanged), or a new `id`
 * starts over.
 *
 * @example
 * ```ts
 * try {
 *   await importRecords(options);
 * } catch (error) {
 *   if (error instanceof ImportFormatError) console.error(`${error.reason} at line ${error.line}, column ${error.column}`);
 * }
 * ```
 *
 * @category Import
 */
export class ImportFormatError extends MarketbridgeError {
  override name = 'ImportFormatError' as const;
  /** What is wrong with the file. */
  readonly reason: ImportFormatReason;
  /** 1-based line of the file, when known. */
  readonly line?: number;
  /** 1-based character column within the line, when known. */
  readonly column?: number;
  /** 1-based CSV column (field) number, for header problems. */
  readonly field?: number;

  /**
   * @param reason - what is wrong with the file
   * @param message - what went wrong and how to fix it, naming the position
   * @param position - where it was found
   */
  constructor(reason: ImportFormatReason, message: string, position: ImportFormatPosition = {}) {
    super('validation_failed', message, { operation: 'importRecords', retryable: false });
    this.reason = reason;
    if (position.line !== undefined) this.line = position.line;
    if (position.column !== undefined) this.column = position.column;
    if (position.field !== undefined) this.field = position.field;
  }
}
