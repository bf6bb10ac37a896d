import { HttpResponse } from '../../../testing/msw/peer.js';
import type { EbayErrorDetail } from '../errors.js';

/**
 * One eBay error entry as the APIs send it.
 *
 * @example
 * ```ts
 * ebayError(25709, 'Invalid value for sku.', { domain: 'API_INVENTORY', parameters: [{ name: 'fieldName', value: 'sku' }] });
 * ```
 */
export function ebayError(errorId: number, message: string, extra: Partial<EbayErrorDetail> = {}): EbayErrorDetail {
  return { errorId, domain: extra.domain ?? 'API_INVENTORY', category: extra.category ?? 'REQUEST', message, ...extra };
}

/**
 * An eBay error answer: `{ errors: [...] }` with the status.
 *
 * @example
 * ```ts
 * return errorAnswer(404, ebayError(25710, "We didn't find the resource/entity you are requesting."));
 * ```
 */
export function errorAnswer(status: number, ...errors: EbayErrorDetail[]): Response {
  return HttpResponse.json({ errors }, { status });
}

/**
 * eBay's throttled answer: HTTP 429 with errorId 2001.
 *
 * @example
 * ```ts
 * if (!limit.check().allowed) return throttledAnswer();
 * ```
 */
export function throttledAnswer(): Response {
  return errorAnswer(
    429,
    ebayError(2001, 'Too many requests', {
      domain: 'ACCESS',
      longMessage: 'The request limit has been reached for the resource.',
    }),
  );
}

/**
 * A JSON answer.
 *
 * @example
 * ```ts
 * return jsonAnswer({ offerId: '1' }, 201);
 * ```
 */
export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, { status, headers });
}

/**
 * An answer without a body (204, or 201 with `Location`).
 *
 * @example
 * ```ts
 * return emptyAnswer(201, { location: `${base}/destination/${id}` });
 * ```
 */
export function emptyAnswer(status = 204, headers: Record<string, string> = {}): Response {
  return new HttpResponse(null, { status, headers });
}

/**
 * Reads a JSON request body; `undefined` when it is missing or not JSON.
 *
 * @example
 * ```ts
 * const body = await readJson<{ requests?: unknown[] }>(request);
 * ```
 */
export async function readJson<T>(request: Request): Promise<T | undefined> {
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
