import { MarketbridgeError, isMarketbridgeError } from '../core/errors/marketbridge-error.js';

/**
 * Wraps what a stream client threw (connection lost, queue missing, access denied) in a
 * retryable MarketbridgeError naming the source and the step, so consumers see one error
 * family whatever the client library.
 *
 * @example
 * ```ts
 * throw sourceFailure('sqs:orders', 'receive', error);
 * ```
 */
export function sourceFailure(source: string, step: string, cause: unknown): MarketbridgeError {
  if (isMarketbridgeError(cause)) return cause;
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new MarketbridgeError(
    'internal',
    `The stream source ${source} could not ${step}: ${detail}. Check that it is reachable and that the consumer may read it.`,
    {
      operation: `stream.${step}`,
      retryable: true,
      cause,
    },
  );
}

/**
 * Runs one step of a source, wrapping any failure with {@link sourceFailure}.
 *
 * @example
 * ```ts
 * const output = await guarded(this.name, 'receive', () => client.send(command));
 * ```
 */
export async function guarded<T>(source: string, step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw sourceFailure(source, step, error);
  }
}
