/**
 * One record of a CSV file: its fields and the line it starts on, or why it was rejected and
 * where (1-based line and column of the problem).
 */
export type CsvRecord =
  | { ok: true; fields: string[]; line: number }
  | { ok: false; line: number; column: number; message: string };

/** How the reader reads quotes and how long a record may be. */
export interface CsvReaderOptions {
  delimiter: string;
  relaxQuotes: boolean;
  maxRecordLength: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

// States of the reader.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside a quoted field, right after a quote: the next character says whether it was `""`. */
const QUOTED_QUOTE = 3;
const AFTER_QUOTE = 4;
/** The record is rejected; skipping to the end of its line. */
const SKIP = 5;

/** Text to read again after a broken quoted field, and the absolute offset of its first character. */
interface Reread {
  text: string;
  at: number;
}

/**
 * A streaming CSV reader, strict RFC 4180 by default: fields are separated by the delimiter,
 * records by CRLF, LF or CR; a field that starts with a quote is quoted, may contain
 * delimiters, line breaks and doubled quotes, and ends at a quote followed by a delimiter, a
 * line break or the end of the input. Lines are counted at every CRLF, LF or CR, inside quotes
 * too.
 *
 * What breaks those rules rejects its record, naming the line and column, and never merges
 * records. A quote inside an unquoted field, or text after a closing quote (both kept as
 * characters with `relaxQuotes`), rejects the record up to the end of that line. A quoted field
 * that is never closed, text after a closing quote when the quoted field spans lines, and a
 * record longer than `maxRecordLength` inside a quoted field spanning lines reject the record,
 * and reading goes on at the line after the one where the quote opened: the lines it swallowed
 * are read again. Any other record longer than `maxRecordLength` is rejected up to the end of
 * its line. The results do not depend on how the text is split into chunks, and memory stays
 * bounded by `maxRecordLength` and the chunk size.
 */
export class CsvReader {
  readonly #delimiter: number;
  readonly #relax: boolean;
  readonly #max: number;
  #out: CsvRecord[] = [];
  /** Absolute offset (in characters) of the first character of the text being scanned. */
  #offset = 0;
  #line = 1;
  /** Absolute offset of the first character of the current line. */
  #lineStart = 0;
  /** The last text ended with CR: an LF at the start of the next is the same line break. */
  #pendingCr = false;
  /** That LF is inside a quoted field: content, but not a line of its own. */
  #lfAfterCr = false;
  #state = FIELD_START;
  #fields: string[] = [];
  #recordLine = 1;
  #recordStart = 0;
  /** Text of the current unquoted field from earlier chunks. */
  #partial = '';
  /** The value of a quoted field that has closed. */
  #value = '';
  /**
   * Where the current (or just closed) quoted field opened, and its raw text after the opening
   * quote (doubled quotes as they are, the closing quote included once seen): its value, and
   * what is read again if the field turns out to be broken.
   */
  #quoteLine = 0;
  #quoteColumn = 0;
  #quoteAt = 0;
  #raw = '';
  #problem: { line: number; column: number; message: string } | undefined;

  constructor(options: CsvReaderOptions) {
    this.#delimiter = options.delimiter.charCodeAt(0);
    this.#relax = options.relaxQuotes;
    this.#max = options.maxRecordLength;
  }

  /** Reads the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    this.#scan(text, this.#offset);
    return this.#take();
  }

  /** Ends the input; returns the last records. */
  end(): CsvRecord[] {
    for (;;) {
      const state = this.#state;
      if (state === QUOTED) {
        // Never closed: reject, and read again what it swallowed after the line it opened on.
        const again = this.#reject(
          `The quoted field opened at line ${this.#quoteLine}, column ${this.#quoteColumn} is never closed; close it with " or remove the quote.`,
          '',
        );
        if (again) {
          this.#scan(again.text, again.at);
          continue;
        }
      } else if (state === QUOTED_QUOTE || state === AFTER_QUOTE) {
        this.#fields.push(state === QUOTED_QUOTE ? closedValue(this.#raw) : this.#value);
        this.#emit();
      } else if (state === SKIP) {
        this.#emit();
      } else if (state === UNQUOTED) {
        this.#fields.push(this.#partial);
        this.#emit();
      } else if (this.#fields.length > 0) {
        this.#fields.push('');
        this.#emit();
      }
      return this.#take();
    }
  }

  #take(): CsvRecord[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #column(i: number): number {
    return this.#offset + i - this.#lineStart + 1;
  }

  /** Counts the line break whose last character is at `i` of the text being scanned. */
  #newLine(i: number): void {
    this.#line++;
    this.#lineStart = this.#offset + i + 1;
  }

  #emit(): void {
    const problem = this.#problem;
    this.#out.push(problem ? { ok: false, ...problem } : { ok: true, fields: this.#fields, line: this.#recordLine });
    this.#fields = [];
    this.#partial = '';
    this.#raw = '';
    this.#problem = undefined;
    this.#state = FIELD_START;
  }

  /** Rejects the record with a problem at `line`/`column`; the rest of the current line is skipped. */
  #skip(line: number, column: number, message: string): void {
    this.#problem = { line, column, message };
    this.#fields = [];
    this.#partial = '';
    this.#raw = '';
    this.#state = SKIP;
  }

  /** The longest a record may grow: index in the text being scanned of its first character past the limit. */
  #limit(): number {
    return this.#recordStart + this.#max - this.#offset;
  }

  #tooLong(): string {
    return `The record starting at line ${this.#recordLine} is longer than ${this.#max} characters`;
  }

  /**
   * Rejects the record around the current quoted field and returns the text to read again:
   * what follows the line the quote opened on, out of its raw text and `tail` (the rest of the
   * text being scanned). Undefined when the quote opened on the last line (nothing to read again).
   */
  #reject(message: string, tail: string): Reread | undefined {
    const raw = this.#raw + tail;
    this.#problem = { line: this.#quoteLine, column: this.#quoteColumn, message };
    this.#emit();
    const end = lineBreakEnd(raw);
    if (end < 0) return undefined;
    const at = this.#quoteAt + 1 + end + 1;
    this.#line = this.#quoteLine + 1;
    this.#lineStart = at;
    this.#pendingCr = false;
    return { text: raw.slice(end + 1), at };
  }

  /** Scans `input`, whose first character is at absolute offset `from`. */
  #scan(input: string, from: number): void {
    let text = input;
    let n = text.length;
    let i = 0;
    this.#offset = from;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) {
        // The second half of a CRLF split across texts: the line was counted at the CR.
        this.#lineStart = from + 1;
        if (this.#state === QUOTED) {
          // Content of the quoted field: read as such, but not counted as a line again.
          this.#lfAfterCr = true;
        } else {
          if (this.#state === FIELD_START && this.#fields.length === 0) this.#recordStart = from + 1;
          i = 1;
        }
      }
    }
    const delimiter = this.#delimiter;
    let start = i;
    const restart = (again: Reread | undefined): boolean => {
      if (!again) return false;
      text = again.text;
      n = text.length;
      this.#offset = again.at;
      i = 0;
      start = 0;
      return true;
    };
    while (i < n) {
      const state = this.#state;
      if (state === FIELD_START) {
        if (this.#fields.length === 0) {
          this.#recordLine = this.#line;
          this.#recordStart = this.#offset + i;
        }
        if (text.charCodeAt(i) === QUOTE) {
          this.#state = QUOTED;
          this.#quoteLine = this.#line;
          this.#quoteColumn = this.#column(i);
          this.#quoteAt = this.#offset + i;
          this.#raw = '';
          i++;
        } else {
          this.#state = UNQUOTED;
          this.#partial = '';
          start = i;
        }
        continue;
      }
      if (state === UNQUOTED) {
        // The hot loop: plain fields, one character code at a time, cut out with one slice. It
        // stops at the limit, where only a line break may follow.
        const limit = this.#limit();
        const stop = Math.min(n, Math.max(i, limit));
        for (; i < stop; i++) {
          const c = text.charCodeAt(i);
          if (c === delimiter) {
            this.#fields.push(this.#partial + text.slice(start, i));
            this.#partial = '';
            this.#state = FIELD_START;
            i++;
            break;
          }
          if (c === LF || c === CR) {
            this.#fields.push(this.#partial + text.slice(start, i));
            i = this.#lineBreak(text, i, c);
            this.#emit();
            break;
          }
          if (c === QUOTE && !this.#relax) {
            this.#skip(
              this.#line,
              this.#column(i),
              `A quote inside an unquoted field at line ${this.#line}, column ${this.#column(i)}; quote the whole field ("TV 5"" stand") or remove the quote.`,
            );
            i++;
            break;
          }
        }
        if (this.#state !== UNQUOTED) continue;
        if (i === n) {
          this.#partial += text.slice(start, n);
          continue;
        }
        // At the limit: a line break ends the record at exactly the longest length; anything else is too long.
        const c = text.charCodeAt(i);
        if (i === limit && (c === LF || c === CR)) {
          this.#fields.push(this.#partial + text.slice(start, i));
          i = this.#lineBreak(text, i, c);
          this.#emit();
        } else {
          this.#skip(this.#recordLine, 1, `${this.#tooLong()}; is a line break or a closing quote missing?`);
        }
        continue;
      }
      if (state === QUOTED) {
        const q = text.indexOf('"', i);
        // The field's text runs to the quote (included) or to the end of the text.
        const end = q < 0 ? n : q + 1;
        const limit = this.#limit();
        if (end > limit) {
          const within = Math.max(i, limit);
          this.#countLines(text, i, within);
          if (lineBreakEnd(this.#raw) >= 0 || lineBreakEnd(text.slice(i, within)) >= 0) {
            // Spanning lines: the quote was probably never meant to open a field. Read again after its line.
            restart(
              this.#reject(
                `${this.#tooLong()}: the quoted field opened at line ${this.#quoteLine}, column ${this.#quoteColumn} is probably never closed.`,
                text.slice(i),
              ),
            );
          } else {
            this.#skip(this.#recordLine, 1, `${this.#tooLong()}; is a closing quote missing?`);
            i = within;
          }
          continue;
        }
        this.#countLines(text, i, q < 0 ? n : q);
        this.#raw += text.slice(i, end);
        i = end;
        if (q >= 0) this.#state = QUOTED_QUOTE;
        continue;
      }
      if (state === QUOTED_QUOTE) {
        if (text.charCodeAt(i) === QUOTE) {
          // A doubled quote: one quote of content (raw text keeps both). It must fit the limit.
          if (i >= this.#limit()) {
            this.#state = QUOTED;
            continue;
          }
          this.#raw += '"';
          this.#state = QUOTED;
          i++;
        } else {
          this.#value = closedValue(this.#raw);
          this.#state = AFTER_QUOTE;
        }
        continue;
      }
      if (state === AFTER_QUOTE) {
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          this.#fields.push(this.#value);
          this.#raw = '';
          this.#state = FIELD_START;
          i++;
        } else if (c === LF || c === CR) {
          this.#fields.push(this.#value);
          i = this.#lineBreak(text, i, c);
          this.#emit();
        } else if (this.#relax) {
          // Text after a closing quote is kept as it is, up to the next delimiter or line break.
          this.#partial = this.#value;
          this.#raw = '';
          this.#state = UNQUOTED;
          start = i;
        } else {
          const message = `Text after the closing quote of the field opened at line ${this.#quoteLine}, column ${this.#quoteColumn} (at line ${this.#line}, column ${this.#column(i)}); a quoted field ends at a quote followed by the delimiter or a line break.`;
          if (this.#line === this.#quoteLine) {
            this.#skip(this.#line, this.#column(i), message);
            i++;
          } else {
            // The quotes spanned lines: the first one was probably stray. Read again after its line.
            restart(this.#reject(message, text.slice(i)));
          }
        }
        continue;
      }
      // SKIP: the rest of a rejected record's line.
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === LF || c === CR) {
          i = this.#lineBreak(text, i, c);
          this.#emit();
          break;
        }
      }
    }
    this.#offset += n;
    this.#lfAfterCr = false;
  }

  /** Handles the line break at `i` outside quotes (CRLF counts once, also split across texts); returns the index after it. */
  #lineBreak(text: string, i: number, c: number): number {
    let end = i;
    if (c === CR) {
      if (i + 1 < text.length) {
        if (text.charCodeAt(i + 1) === LF) end = i + 1;
      } else {
        this.#pendingCr = true;
      }
    }
    this.#newLine(end);
    return end + 1;
  }

  /** Counts the line breaks (CRLF, LF, CR) in `text[from, to)`, inside a quoted field. */
  #countLines(text: string, from: number, to: number): void {
    let lf = text.indexOf('\n', from);
    let cr = text.indexOf('\r', from);
    const continued = this.#lfAfterCr;
    this.#lfAfterCr = false;
    for (;;) {
      if (lf >= to) lf = -1;
      if (cr >= to) cr = -1;
      if (lf < 0 && cr < 0) return;
      if (cr < 0 || (lf >= 0 && lf < cr)) {
        if (!(continued && lf === 0)) this.#newLine(lf);
        lf = text.indexOf('\n', lf + 1);
        continue;
      }
      if (cr + 1 < text.length && text.charCodeAt(cr + 1) === LF) {
        // CRLF: one line break, counted at its LF.
        if (cr + 1 < to) {
          this.#newLine(cr + 1);
          lf = text.indexOf('\n', cr + 2);
        } else {
          this.#newLine(cr + 1);
          return;
        }
      } else {
        this.#newLine(cr);
        if (cr + 1 === text.length) this.#pendingCr = true;
      }
      cr = text.indexOf('\r', cr + 1);
    }
  }
}

/** The value of a closed quoted field from its raw text (which ends with the closing quote). */
function closedValue(raw: string): string {
  const inside = raw.slice(0, -1);
  return inside.includes('"') ? inside.replaceAll('""', '"') : inside;
}

/** The index of the last character of the first line break in `text` (CRLF as one), or -1. */
function lineBreakEnd(text: string): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr < 0) return lf;
  if (lf >= 0 && lf < cr) return lf;
  return text.charCodeAt(cr + 1) === LF ? cr + 1 : cr;
}
