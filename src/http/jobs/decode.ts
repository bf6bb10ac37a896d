import { ValidationError } from '../../core/errors/validation-error.js';

/**
 * Where a document's bytes come from.
 *
 * @category Async jobs
 */
export type ByteSource = Response | ReadableStream<Uint8Array> | Uint8Array;

/**
 * Options of {@link decodeDocument}.
 *
 * @example
 * ```ts
 * const options: DecodeOptions = { charset: 'windows-1252' };
 * ```
 *
 * @category Async jobs
 */
export interface DecodeOptions {
  /** Text encoding; default: the response's `charset`, else UTF-8. Java names such as `Cp1252` are understood. */
  charset?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

const CHARSET_ALIASES: Record<string, string> = {
  cp1252: 'windows-1252',
  ms932: 'shift_jis',
  windows31j: 'shift_jis',
  utf8: 'utf-8',
};

/**
 * Normalises a charset name for `TextDecoder` (Java and vendor spellings included) and checks
 * that the runtime supports it.
 *
 * @example
 * ```ts
 * normalizeCharset('Cp1252'); // 'windows-1252'
 * ```
 *
 * @category Async jobs
 */
export function normalizeCharset(charset: string): string {
  const key = charset.trim().toLowerCase().replace(/^"|"$/g, '');
  const name = CHARSET_ALIASES[key.replace(/[-_]/g, '')] ?? key;
  try {
    new TextDecoder(name);
  } catch {
    throw new ValidationError('document charset', [
      { path: ['charset'], message: `Unsupported charset "${charset}".` },
    ]);
  }
  return name;
}

function charsetOf(response: Response): string | undefined {
  const match = /charset\s*=\s*("?)([^";]+)\1/i.exec(response.headers.get('content-type') ?? '');
  return match?.[2];
}

function toStream(source: ByteSource): ReadableStream<Uint8Array> {
  if (source instanceof Uint8Array) {
    return new ReadableStream({
      start(controller) {
        controller.enqueue(source);
        controller.close();
      },
    });
  }
  if (source instanceof Response) {
    if (!source.body) return toStream(new Uint8Array());
    return source.body;
  }
  return source;
}

/**
 * Whether `bytes` start like a gzip member.
 *
 * @example
 * ```ts
 * isGzip(new Uint8Array([0x1f, 0x8b, 8])); // true
 * ```
 *
 * @category Async jobs
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * Turns a document's bytes into a stream of text: gunzipped when the bytes are gzip (whatever
 * the label says: documents labelled gzip are sometimes plain, and the reverse), decoded with
 * the declared charset. Nothing is buffered beyond the first chunk.
 *
 * @example
 * ```ts
 * const text = decodeDocument(await fetch(reportUrl));
 * for await (const row of parseDelimited(text, { delimiter: '\t' })) console.log(row);
 * ```
 *
 * @category Async jobs
 */
export async function decodeDocument(source: ByteSource, options: DecodeOptions = {}): Promise<ReadableStream<string>> {
  const charset = normalizeCharset(
    options.charset ?? (source instanceof Response ? charsetOf(source) : undefined) ?? 'utf-8',
  );
  const reader = toStream(source).getReader();
  // Enough bytes to see the magic number, even if the first chunk is a single byte.
  let head = new Uint8Array();
  let done = false;
  while (head.length < 2 && !done) {
    const next = await reader.read();
    if (next.done) done = true;
    else {
      const merged = new Uint8Array(head.length + next.value.length);
      merged.set(head);
      merged.set(next.value, head.length);
      head = merged;
    }
  }
  const bytes = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const plain = isGzip(head)
    ? bytes.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
    : bytes;
  return plain.pipeThrough(new TextDecoderStream(charset) as unknown as ReadableWritablePair<string, Uint8Array>);
}
