/**
 * What the importer reads: a Web `ReadableStream` or any (async) iterable of byte chunks or
 * strings — a `fetch` body, a file stream, a generator.
 *
 * @example
 * ```ts
 * const input: ImportInput = (await fetch(url)).body!;
 * ```
 */
export type ImportInput = ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Decodes the input to text chunks (UTF-8, split multi-byte characters handled across chunks).
 * @example
 * ```ts
 * for await (const text of textChunks(response.body!)) console.log(text.length);
 * ```
 */
export async function* textChunks(input: ImportInput, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  const iterable: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> =
    typeof (input as ReadableStream).getReader === 'function' ? readStream(input as ReadableStream<Uint8Array | string>) : (input as AsyncIterable<Uint8Array | string>);
  for await (const chunk of iterable) {
    signal?.throwIfAborted();
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
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
 * Splits text chunks into lines (LF or CRLF), the last one without a newline included.
 * @example
 * ```ts
 * for await (const line of lines(textChunks(body))) console.log(line);
 * ```
 */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of chunks) {
    carry += chunk;
    let start = 0;
    for (let nl = carry.indexOf('\n'); nl >= 0; nl = carry.indexOf('\n', start)) {
      const line = carry.slice(start, nl);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = nl + 1;
    }
    carry = carry.slice(start);
  }
  if (carry.length > 0) yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}
