import { AMAZON_OPERATION_LIMITS } from './limits.generated.js';

/**
 * The `JSON_LISTINGS_FEED` submission limit, which Amazon documents apart from the usage plans
 * in the models: 5 feeds per 5 minutes per seller (see ../shared/specs/README.md). It is a
 * bucket of 5 that refills one submission every minute.
 *
 * @example
 * ```ts
 * LISTINGS_FEED_SUBMISSIONS; // { burst: 5, rate: 5 / 300 }
 * ```
 *
 * @category Rate limits
 */
export const LISTINGS_FEED_SUBMISSIONS = { burst: 5, rate: 5 / 300 } as const;

/**
 * The default usage plan of an operation, or `undefined` for an unknown operation.
 *
 * @example
 * ```ts
 * operationLimit('patchListingsItem'); // { rate: 5, burst: 5, ... }
 * ```
 *
 * @category Rate limits
 */
export function operationLimit(
  operation: string,
): (typeof AMAZON_OPERATION_LIMITS)[keyof typeof AMAZON_OPERATION_LIMITS] | undefined {
  return (
    AMAZON_OPERATION_LIMITS as Record<string, (typeof AMAZON_OPERATION_LIMITS)[keyof typeof AMAZON_OPERATION_LIMITS]>
  )[operation];
}
