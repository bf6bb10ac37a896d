/**
 * Whether bytes start with the gzip magic number (1f 8b). Amazon marks gzipped report
 * documents with `compressionAlgorithm: GZIP`, but the bytes are the authority.
 *
 * @example
 * ```ts
 * isGzip(new Uint8Array([0x1f, 0x8b, 8])); // true
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A document body as a stream of decompressed bytes: gzip is detected from the first two
 * bytes, whatever the metadata says, and inflated with the platform's `DecompressionStream`.
 *
 * @example
 * ```ts
 * const plain = await decodedStream(response.body!);
 * ```
 */
export async function decodedStream(body: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < 2 && !done) {
    const chunk = await reader.read();
    done = chunk.done;
    if (chunk.value) {
      head.push(chunk.value);
      length += chunk.value.length;
    }
  }
  const first = concat(head);
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length > 0) controller.enqueue(first);
    },
    async pull(controller) {
      if (done) return controller.close();
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        controller.close();
      } else controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return isGzip(first) ? replay.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : replay;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Lines of a byte stream (UTF-8, `\n` or `\r\n`), decoded incrementally.
 *
 * @example
 * ```ts
 * for await (const line of lines(stream)) console.log(line);
 * ```
 */
export async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      yield buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  if (buffer.length > 0) yield buffer.replace(/\r$/, '');
}

/**
 * Rows of a tab-separated flat-file report (the first line names the columns), streamed.
 *
 * @example
 * ```ts
 * for await (const row of tsvRows(await decodedStream(body))) console.log(row['seller-sku']);
 * ```
 */
export async function* tsvRows(stream: ReadableStream<Uint8Array>): AsyncGenerator<Record<string, string>> {
  let columns: string[] | undefined;
  for await (const line of lines(stream)) {
    if (line === '') continue;
    const cells = line.split('\t');
    if (!columns) {
      columns = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
      continue;
    }
    const row: Record<string, string> = {};
    columns.forEach((column, index) => (row[column] = cells[index] ?? ''));
    yield row;
  }
}

/**
 * Reads a whole (decoded) stream as text; for JSON reports and processing reports.
 *
 * @example
 * ```ts
 * const report = JSON.parse(await streamText(await decodedStream(body)));
 * ```
 */
export async function streamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  for await (const line of lines(stream)) text += (text ? '\n' : '') + line;
  return text;
}
