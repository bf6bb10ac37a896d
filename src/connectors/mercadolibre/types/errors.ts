/**
 * The error envelope MercadoLibre answers with: a message, an error code, the HTTP status and
 * the causes (per field for validation errors).
 *
 * @category Platform types and mapping
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
 * @category Platform types and mapping
 */
export interface MercadoLibreErrorCause {
  code?: string;
  message?: string;
  references?: string[];
  type?: string;
  department?: string;
  cause_id?: number;
}
