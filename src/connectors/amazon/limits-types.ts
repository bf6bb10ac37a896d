/**
 * The usage plan of one SP-API operation as published in its Swagger model.
 *
 * @category Rate limits
 */
export interface AmazonOperationLimit {
  /** The operationId in the model. */
  readonly operationId: string;
  /** The model file the operation comes from (without `.json`). */
  readonly model: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path template, e.g. `/listings/2021-08-01/items/{sellerId}/{sku}`. */
  readonly path: string;
  /** Sustained requests per second. */
  readonly rate: number;
  /** Bucket size: requests that may go at once after a quiet period. */
  readonly burst: number;
}
