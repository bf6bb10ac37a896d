import type { MercadoLibreErrorBody, MercadoLibreErrorCause } from '../types/index.js';

/**
 * A JSON answer as MercadoLibre sends it.
 *
 * @example
 * ```ts
 * return json({ id: 'MLA1' });
 * ```
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * MercadoLibre's error envelope.
 *
 * @example
 * ```ts
 * return mlError(404, 'not_found', 'Item with id MLA1 not found');
 * ```
 */
export function mlError(
  status: number,
  error: string,
  message: string,
  cause: MercadoLibreErrorCause[] = [],
): Response {
  const body: MercadoLibreErrorBody = { message, error, status, cause };
  return json(body, status);
}

/**
 * A validation error with one cause per field, as the items API sends it.
 *
 * @example
 * ```ts
 * return validationError([{ code: 'item.price.invalid', message: 'Invalid price', references: ['item.price'] }]);
 * ```
 */
export function validationError(causes: { code: string; message: string; references: string[] }[]): Response {
  return mlError(
    400,
    'validation_error',
    'Validation error',
    causes.map((cause, index) => ({ department: 'items', cause_id: 100 + index, type: 'error', ...cause })),
  );
}
