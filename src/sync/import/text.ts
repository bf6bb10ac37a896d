import { ImportFormatError } from './import-format-error.js';
import { firstInvalidUtf8, pendingUtf8 } from './utf8.js';

/**
 * What the importer reads: a Web `ReadableStream` or any (async) iterable of byte chunks or
 * strings — a `fetch` body, a file stream, a generator.
 *
 * @category Import
 */
export type ImportInput =
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** Line and column of the end of the text read so far, for naming where bad bytes are. */
class TextPosition {
  line = 1;
  column = 1;

  advance(text: string): void {
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.column += text.length;
      return;
    }
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.line++;
    this.column = text.length - last;
  }
}

/**
 * Decodes the input to text chunks: UTF-8, split multi-byte characters handled across chunks,
 * a leading byte-order mark dropped (of bytes or of a string). Bytes that are not UTF-8 throw
 * an `ImportFormatError` (`invalid_utf8`) naming the line and column where they are, instead of
 * becoming U+FFFD.
 * @example
 * ```ts
 * for await (const text of textChunks(response.body!)) console.log(text.length);
 * ```
 */
export async function* textChunks(input: ImportInput, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const position = new TextPosition();
  const iterable: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> =
    typeof (input as ReadableStream).getReader === 'function'
      ? readStream(input as ReadableStream<Uint8Array | string>)
      : (input as AsyncIterable<Uint8Array | string>);
  let started = false;
  /** The last bytes of the byte chunks so far: where a character split across chunks starts. */
  let tail: Uint8Array = new Uint8Array(0);
  const decode = (bytes: Uint8Array | undefined): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw invalidUtf8(position, pendingUtf8(tail), bytes);
    }
  };
  for await (const chunk of iterable) {
    signal?.throwIfAborted();
    let text: string;
    if (typeof chunk === 'string') {
      text = (tail.length > 0 ? decode(undefined) : '') + chunk;
      tail = new Uint8Array(0);
      if (!started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } else {
      const bytes = asBytes(chunk);
      if (!bytes)
        throw new ImportFormatError(
          'invalid_input',
          `Expected chunks of bytes (Uint8Array) or strings, got ${chunk === null ? 'null' : typeof chunk} at line ${position.line}, column ${position.column}.`,
          { line: position.line, column: position.column },
        );
      text = decode(bytes);
      tail = lastBytes(tail, bytes);
    }
    if (text.length === 0) continue;
    started = true;
    position.advance(text);
    yield text;
  }
  const rest = decode(undefined);
  if (rest) yield rest;
}

function asBytes(chunk: unknown): Uint8Array | undefined {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return undefined;
}

/** The last (at most 3) bytes of everything read: enough to hold a character still incomplete. */
function lastBytes(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.length >= 3) return chunk.slice(chunk.length - 3);
  const joined = new Uint8Array(tail.length + chunk.length);
  joined.set(tail);
  joined.set(chunk, tail.length);
  return joined.slice(Math.max(0, joined.length - 3));
}

/** The error for bytes that are not UTF-8, at the line and column where they start. */
function invalidUtf8(position: TextPosition, pending: Uint8Array, chunk: Uint8Array | undefined): ImportFormatError {
  const bytes = new Uint8Array(pending.length + (chunk?.length ?? 0));
  bytes.set(pending);
  if (chunk) bytes.set(chunk, pending.length);
  // Without a chunk the input ended inside a character: the bad bytes are the pending ones.
  const bad = chunk ? Math.max(0, firstInvalidUtf8(bytes)) : 0;
  const at = new TextPosition();
  at.line = position.line;
  at.column = position.column;
  at.advance(
    new TextDecoder('utf-8', { ignoreBOM: position.line > 1 || position.column > 1 }).decode(bytes.subarray(0, bad)),
  );
  const shown = [...bytes.subarray(bad, bad + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return new ImportFormatError(
    'invalid_utf8',
    `The file is not UTF-8: bytes ${shown} at line ${at.line}, column ${at.column} are not a UTF-8 character. Save the file as UTF-8 and import it again.`,
    { line: at.line, column: at.column },
  );
}

async function* readStream(stream: ReadableStream<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Splits text chunks into lines (LF or CRLF), the last one without a newline included: one
 * array of lines per chunk, so a consumer loops over a chunk's lines without a promise each.
 * @example
 * ```ts
 * for await (const batch of lineBatches(textChunks(body))) for (const line of batch) console.log(line);
 * ```
 */
export async function* lineBatches(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + chunk;
    const batch: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      batch.push(text.slice(start, end));
      start = nl + 1;
    }
    carry = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  if (carry.length > 0) yield [carry.endsWith('\r') ? carry.slice(0, -1) : carry];
}

/**
 * Splits text chunks into lines (LF or CRLF), the last one without a newline included.
 * @example
 * ```ts
 * for await (const line of lines(textChunks(body))) console.log(line);
 * ```
 */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const batch of lineBatches(chunks)) yield* batch;
}
