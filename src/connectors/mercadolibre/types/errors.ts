/**
 * The error envelope MercadoLibre answers with: a message, an error code, the HTTP status and
 * the causes (per field for validation errors).
 *
 * @example
 * ```ts
 * const body: MercadoLibreErrorBody = { message: 'Validation error', error: 'validation_error', status: 400, cause: [{ code: 'item.price.invalid', message: 'price must be positive', references: ['item.price'] }] };
 * ```
 */
export interface MercadoLibreErrorBody {
  message: string;
  error: string;
  status: number;
  cause: (string | MercadoLibreErrorCause)[];
}

/**
 * One cause of a MercadoLibre error: a code, a message and the fields it refers to.
 *
 * @example
 * ```ts
 * const cause: MercadoLibreErrorCause = { code: 'item.attributes.missing_required', message: 'BRAND is required', references: ['item.attributes'], type: 'error' };
 * ```
 */
export interface MercadoLibreErrorCause {
  code?: string;
  message?: string;
  references?: string[];
  type?: string;
  department?: string;
  cause_id?: number;
}
