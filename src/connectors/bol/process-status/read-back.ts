import type { ReadBackResult } from '../../../http/ledger.js';
import type { BolClient } from '../client.js';
import { processStatusByEntityRequest } from '../requests/process-status.js';
import type { BolProcessStatus } from '../types.js';
import { settle } from './outcome.js';
import type { BolWriteReceipt } from '../writes/execute.js';

/**
 * How far bol.com's clock may be behind ours when a process status is matched to a write by
 * its creation time.
 *
 * @example
 * ```ts
 * const earliest = since - BOL_CLOCK_SKEW_MS;
 * ```
 */
export const BOL_CLOCK_SKEW_MS = 5_000;

/**
 * Reads back a write whose answer was lost by asking bol.com for the process statuses of its
 * entity and event type (`GET /shared/process-status?entity-id=&event-type=`, newest first):
 * the newest one created since the write was recorded (less {@link BOL_CLOCK_SKEW_MS}) is the
 * write's, and the write counts as applied with that status; none means it never arrived. Two
 * writes of one event to one entity in the same few seconds are indistinguishable, which is
 * why this read-back serves absolute writes (stock, price), where either answer is the same.
 *
 * @example
 * ```ts
 * const answer = await readBackByEntity(client, offerId, 'UPDATE_OFFER_STOCK', since, fingerprint);
 * ```
 */
export async function readBackByEntity(
  client: BolClient,
  entityId: string,
  eventType: string,
  since: number,
  fingerprint: string,
  signal?: AbortSignal,
): Promise<ReadBackResult<BolWriteReceipt>> {
  const { data } = await client.send<{ processStatuses?: BolProcessStatus[] }>(
    processStatusByEntityRequest(entityId, eventType),
    signal,
  );
  const earliest = since - BOL_CLOCK_SKEW_MS;
  const match = (data?.processStatuses ?? []).find(
    (status) => status.processStatusId && Date.parse(status.createTimestamp) >= earliest,
  );
  if (!match?.processStatusId) return { status: 'not_applied' };
  const receipt: BolWriteReceipt = { processStatusId: match.processStatusId, fingerprint };
  const settled = settle(match, match.processStatusId);
  if (settled) receipt.settled = settled;
  return { status: 'applied', result: receipt };
}
