import { ValidationError } from '../../core/errors/validation-error.js';

/**
 * Text arriving in chunks: a web stream or any async iterable of strings.
 *
 * @category Async jobs
 */
export type TextSource = ReadableStream<string> | AsyncIterable<string>;

async function* chunks(source: TextSource): AsyncGenerator<string> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<string>;
    return;
  }
  const reader = (source as ReadableStream<string>).getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Splits text into lines (`\n` or `\r\n`), holding at most one partial line in memory.
 *
 * @example
 * ```ts
 * for await (const line of parseLines(text)) console.log(line);
 * ```
 *
 * @category Async jobs
 */
export async function* parseLines(source: TextSource): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks(source)) {
    const text = rest + chunk;
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
      yield text.charCodeAt(i - 1) === 13 ? text.slice(start, i - 1) : text.slice(start, i);
      start = i + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

/**
 * Reads a whole text stream into one string: for small documents (processing reports, JSON
 * documents) that must be parsed whole. Stream anything large with the parsers instead.
 *
 * @example
 * ```ts
 * const report = JSON.parse(await readText(await decodeDocument(response)));
 * ```
 *
 * @category Async jobs
 */
export async function readText(source: TextSource): Promise<string> {
  let text = '';
  for await (const chunk of chunks(source)) text += chunk;
  return text;
}

/**
 * Streams JSON Lines (Shopify bulk operation results): one parsed value per non-empty line.
 * A line that is not JSON fails with a `ValidationError` naming the line number.
 *
 * @example
 * ```ts
 * for await (const node of parseJsonLines(await decodeDocument(response))) handle(node);
 * ```
 *
 * @category Async jobs
 */
export async function* parseJsonLines<T = unknown>(source: TextSource): AsyncGenerator<T> {
  let number = 0;
  for await (const line of parseLines(source)) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      throw new ValidationError('JSON Lines document', [
        { path: ['line', number], message: 'Expected a JSON value on this line.' },
      ]);
    }
  }
}

/**
 * Options of {@link parseDelimited}.
 *
 * @example
 * ```ts
 * const tsv: DelimitedOptions = { delimiter: '\t', quote: false };
 * ```
 *
 * @category Async jobs
 */
export interface DelimitedOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Quote character, or `false` for none (SP-API flat files). Default `"` for `,`, none for tab. */
  quote?: string | false;
  /** First row is a header: rows become objects (default true); otherwise arrays. */
  header?: boolean;
}

/**
 * Streams CSV (RFC 4180 quoting, embedded newlines and doubled quotes) or TSV rows. With a
 * header row, each row is an object keyed by the header; a leading byte-order mark is dropped.
 *
 * @example
 * ```ts
 * for await (const row of parseDelimited(text, { delimiter: '\t' })) console.log(row['seller-sku']);
 * ```
 *
 * @category Async jobs
 */
export async function* parseDelimited(
  source: TextSource,
  options: DelimitedOptions = {},
): AsyncGenerator<Record<string, string> | string[]> {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? (delimiter === '\t' ? false : '"');
  const useHeader = options.header ?? true;
  let header: string[] | undefined;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let first = true;
  const emit = (): Record<string, string> | string[] | undefined => {
    row.push(field);
    field = '';
    const done = row;
    row = [];
    if (done.length === 1 && done[0] === '') return undefined;
    if (!useHeader) return done;
    if (!header) {
      header = done;
      return undefined;
    }
    const out: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) out[header[i]!] = done[i] ?? '';
    return out;
  };
  for await (let chunk of chunks(source)) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = chunk.length === 0;
    }
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (quoted) {
        if (c === quote) {
          field += chunk.slice(start, i);
          start = i + 1;
          quoted = false;
          afterQuote = true;
        }
        continue;
      }
      if (quote && c === quote) {
        // A doubled quote inside a quoted field is a literal quote.
        field += chunk.slice(start, i) + (afterQuote ? quote : '');
        start = i + 1;
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === delimiter) {
        row.push(field + chunk.slice(start, i));
        field = '';
        start = i + 1;
      } else if (c === '\n') {
        field += chunk.slice(start, i);
        if (field.endsWith('\r')) field = field.slice(0, -1);
        start = i + 1;
        const out = emit();
        if (out) yield out;
      }
    }
    field += chunk.slice(start);
  }
  if (field.endsWith('\r')) field = field.slice(0, -1);
  if (field !== '' || row.length) {
    const out = emit();
    if (out) yield out;
  }
}

/**
 * Streams the elements of a JSON array without holding the document: the top-level array, or
 * the array found under `path` (keys from the root, e.g. `['salesAndTrafficByAsin']`).
 *
 * @example
 * ```ts
 * for await (const item of parseJsonArray(text, { path: ['salesAndTrafficByAsin'] })) console.log(item);
 * ```
 *
 * @category Async jobs
 */
export async function* parseJsonArray<T = unknown>(
  source: TextSource,
  options: { path?: readonly string[] } = {},
): AsyncGenerator<T> {
  const path = options.path ?? [];
  const stack: { type: 'obj' | 'arr'; key: string | undefined }[] = [];
  let inString = false;
  let escaped = false;
  let readingKey = false;
  let expectKey = false;
  let keyBuf = '';
  let lastKey: string | undefined;
  let capture: string | undefined;
  const atTarget = () => {
    if (stack.length !== path.length + 1 || stack[stack.length - 1]!.type !== 'arr') return false;
    for (let j = 0; j < path.length; j++) if (stack[j + 1]!.key !== path[j] || stack[j]!.type !== 'obj') return false;
    return true;
  };
  const finish = (text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ValidationError('JSON document', [{ path: [...path], message: 'An array element is not valid JSON.' }]);
    }
  };
  for await (const chunk of chunks(source)) {
    let start = capture === undefined ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') {
          inString = false;
          if (readingKey) {
            readingKey = false;
            lastKey = keyBuf;
          }
          continue;
        }
        if (readingKey) keyBuf += c;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      const target = atTarget();
      if (target && capture === undefined && c !== ',' && c !== ']') {
        capture = '';
        start = i;
      }
      if (target && capture !== undefined && (c === ',' || c === ']')) {
        yield finish(capture + chunk.slice(start, i));
        capture = undefined;
        start = -1;
      }
      switch (c) {
        case '"':
          inString = true;
          if (expectKey && stack[stack.length - 1]?.type === 'obj') {
            readingKey = true;
            keyBuf = '';
          }
          break;
        case ':':
          expectKey = false;
          break;
        case ',':
          if (stack[stack.length - 1]?.type === 'obj') expectKey = true;
          break;
        case '{':
        case '[':
          stack.push({
            type: c === '{' ? 'obj' : 'arr',
            key: stack[stack.length - 1]?.type === 'obj' ? lastKey : undefined,
          });
          expectKey = c === '{';
          break;
        case '}':
        case ']':
          stack.pop();
          expectKey = false;
          break;
        default:
          break;
      }
    }
    if (capture !== undefined) capture += chunk.slice(Math.max(0, start));
  }
}
