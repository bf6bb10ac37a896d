import type { MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { TimeoutError } from '../../../core/errors/timeout-error.js';
import type { BolProcessState, BolProcessStatus } from '../types.js';

/**
 * The part of a process status the connector keeps once it is final: the state, the entity
 * and bol.com's error message. `UNKNOWN` is a status bol.com no longer has (it keeps them for a
 * limited time) or never had.
 *
 * @category Operations
 */
export interface SettledProcessStatus {
  id: string;
  state: Exclude<BolProcessState, 'PENDING'> | 'UNKNOWN';
  eventType?: string;
  entityId?: string;
  errorMessage?: string;
}

/**
 * A final process status in its compact form; `undefined` while it is `PENDING`.
 *
 * @example
 * ```ts
 * settle(status)?.state; // 'SUCCESS'
 * ```
 */
export function settle(status: BolProcessStatus, id = status.processStatusId ?? ''): SettledProcessStatus | undefined {
  if (status.status === 'PENDING') return undefined;
  const state =
    status.status === 'SUCCESS' || status.status === 'FAILURE' || status.status === 'TIMEOUT'
      ? status.status
      : 'UNKNOWN';
  const settled: SettledProcessStatus = { id, state, eventType: status.eventType };
  if (status.entityId !== undefined) settled.entityId = status.entityId;
  if (status.errorMessage !== undefined) settled.errorMessage = status.errorMessage;
  return settled;
}

/**
 * The typed error of a process status that did not succeed, or `undefined` for `SUCCESS`:
 * - `FAILURE`: bol.com refused the write (not retryable; its message says why);
 * - `TIMEOUT`: bol.com gave up processing it in time and applied nothing (retryable);
 * - `UNKNOWN` (the status is gone): the outcome is unknown (retryable after a read-back);
 * - still `PENDING` past the deadline, or when polling failed (`cause`): a `TimeoutError`, outcome unknown.
 *
 * @example
 * ```ts
 * const error = processStatusError(settled, 'updateOfferStock', '1234567');
 * ```
 */
export function processStatusError(
  settled: SettledProcessStatus | undefined,
  operation: string,
  id: string,
  cause?: unknown,
): MarketbridgeError | undefined {
  const options = { platform: 'bol', operation };
  if (!settled) {
    const why = cause === undefined ? 'by the deadline' : 'when polling stopped';
    return new TimeoutError(
      `bol.com had not finished ${operation} (process status ${id}) ${why}; its outcome is unknown: read it back before sending it again.`,
      { ...options, ...(cause === undefined ? {} : { cause }) },
    );
  }
  switch (settled.state) {
    case 'SUCCESS':
      return undefined;
    case 'FAILURE':
      return new MarketplaceApiError(
        `bol.com refused ${operation} (process status ${id}): ${settled.errorMessage ?? 'no reason given'}.`,
        { ...options, retryable: false, body: settled },
      );
    case 'TIMEOUT':
      return new MarketplaceApiError(
        `bol.com timed out processing ${operation} (process status ${id}) and applied nothing; send it again.`,
        { ...options, retryable: true, body: settled },
      );
    default:
      return new MarketplaceApiError(
        `bol.com no longer knows process status ${id} of ${operation}; its outcome is unknown: read it back before sending it again.`,
        { ...options, retryable: true, body: settled },
      );
  }
}
