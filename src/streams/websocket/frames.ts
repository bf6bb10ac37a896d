import type { StreamMessage } from '../source.js';

/**
 * Reads the default frame format: a JSON object `{ id, body, headers?, platform? }` where
 * `body` is the raw webhook body as a string (or a JSON value, which is serialised). Returns
 * `undefined` for a frame that is not such an object.
 *
 * @example
 * ```ts
 * parseJsonFrame('{"id":"7","platform":"shopify","body":"{\\"id\\":1}"}'); // { id: '7', platform: 'shopify', request: { headers: {}, body: '{"id":1}' } }
 * ```
 *
 * @category Streams
 */
export function parseJsonFrame(data: string): StreamMessage | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return undefined;
  const { id, body, headers, platform } = frame as Record<string, unknown>;
  if ((typeof id !== 'string' && typeof id !== 'number') || body === undefined) return undefined;
  const safeHeaders: Record<string, string> = {};
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') safeHeaders[name] = value;
  }
  return {
    id: String(id),
    ...(typeof platform === 'string' && platform !== '' ? { platform } : {}),
    request: { headers: safeHeaders, body: typeof body === 'string' ? body : JSON.stringify(body) },
  };
}

/**
 * The delay before reconnect number `attempt` (1-based): full jitter under an exponential
 * ceiling, as in the request pipeline's retries.
 *
 * @example
 * ```ts
 * reconnectDelayMs(3, 500, 30_000, () => 1); // 2,000
 * ```
 *
 * @category Streams
 */
export function reconnectDelayMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(random() * ceiling);
}
