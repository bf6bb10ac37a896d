/**
 * Options of the CSV reader.
 *
 * @example
 * ```ts
 * const csv: CsvOptions = { delimiter: ';' };
 * ```
 */
export interface CsvOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Column names when the file has no header row; omitted: the first row is the header. */
  columns?: string[];
}

/**
 * Streams CSV records (RFC 4180: quoted fields, doubled quotes, separators and newlines
 * inside quotes, CRLF or LF, a leading byte-order mark) as arrays of fields.
 * @example
 * ```ts
 * for await (const fields of csvRecords(textChunks(file))) console.log(fields);
 * ```
 */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter = ','): AsyncGenerator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let first = true;
  let pendingCr = false;
  for await (let chunk of chunks) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let i = 0;
    while (i < chunk.length) {
      const ch = chunk[i] as string;
      if (quoted) {
        // Copy a run of ordinary characters at once; quoted fields can be long.
        const next = chunk.indexOf('"', i);
        if (next < 0) {
          field += chunk.slice(i);
          i = chunk.length;
          continue;
        }
        field += chunk.slice(i, next);
        quoted = false;
        afterQuote = true;
        i = next + 1;
        continue;
      }
      if (pendingCr) {
        pendingCr = false;
        if (ch === '\n') {
          i++;
          continue;
        }
      }
      if (ch === '"') {
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
      } else if (ch === delimiter) {
        record.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n' || ch === '\r') {
        record.push(field);
        yield record;
        record = [];
        field = '';
        afterQuote = false;
        pendingCr = ch === '\r';
      } else {
        field += ch;
        afterQuote = false;
      }
      i++;
    }
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    yield record;
  }
}
