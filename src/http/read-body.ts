/**
 * What a response body turns into, by `HttpRequest.responseType`.
 *
 * @category Client
 */
export type ResponseType = 'json' | 'text' | 'bytes' | 'stream' | 'none';

/**
 * A body read for classification and for the caller: `data` is what the caller gets, `parsed`
 * what classifiers see; `malformed` is set when JSON was expected but the text did not parse.
 */
export interface ReadBody {
  data: unknown;
  parsed: unknown;
  malformed: boolean;
}

function parseJson(text: string): { value: unknown; ok: boolean } {
  if (text.trim() === '') return { value: undefined, ok: true };
  try {
    return { value: JSON.parse(text), ok: true };
  } catch {
    return { value: text, ok: false };
  }
}

/**
 * Reads a response body. Error answers (status >= 400) are always read as text and parsed as
 * JSON when possible, whatever the requested type, so classifiers and errors see them.
 *
 * @example
 * ```ts
 * const { data } = await readBody(new Response('{"a":1}'), 'json');
 * ```
 */
export async function readBody(response: Response, type: ResponseType): Promise<ReadBody> {
  if (response.status >= 400) {
    const text = await response.text();
    const json = parseJson(text);
    return { data: json.value, parsed: json.value, malformed: false };
  }
  switch (type) {
    case 'stream':
      return { data: response.body, parsed: undefined, malformed: false };
    case 'none':
      // Not awaited: some bodies (msw, proxies) settle the cancel only when the source ends.
      response.body?.cancel().catch(() => {});
      return { data: undefined, parsed: undefined, malformed: false };
    case 'bytes': {
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { data: bytes, parsed: undefined, malformed: false };
    }
    case 'text': {
      const text = await response.text();
      return { data: text, parsed: text, malformed: false };
    }
    default: {
      const json = parseJson(await response.text());
      return { data: json.value, parsed: json.value, malformed: !json.ok };
    }
  }
}
