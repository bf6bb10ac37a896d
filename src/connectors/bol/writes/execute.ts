import { ConflictError } from '../../../core/errors/conflict-error.js';
import type { MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import type { ReadBackResult } from '../../../http/ledger.js';
import { asMarketbridgeError } from '../errors.js';
import { settle, processStatusError, type SettledProcessStatus } from '../process-status/outcome.js';
import { awaitProcessStatuses } from '../process-status/poller.js';
import type { BolRequest } from '../requests/types.js';
import type { BolRuntime } from '../runtime.js';
import type { BolProcessStatus } from '../types.js';

/**
 * What the connector records about one sent write: its process status id, the fingerprint of
 * what was sent (so that a key reused for a different write is caught) and, once known, the
 * final status.
 */
export interface BolWriteReceipt {
  processStatusId?: string;
  fingerprint: string;
  settled?: SettledProcessStatus;
}

/**
 * One write of a batch: the request, the index of the input it serves and, for writes that
 * must survive a crash, the ledger key and a read-back.
 */
export interface BolWrite {
  index: number;
  request: BolRequest;
  /** Names the write in the operation ledger: sent at most once, resumable after a crash. */
  key?: string;
  /**
   * Learns whether the write happened when its answer was lost or the process died after
   * sending; `since` is when the write was first recorded.
   */
  readBack?: (since: number, fingerprint: string, signal?: AbortSignal) => Promise<ReadBackResult<BolWriteReceipt>>;
}

/**
 * The outcome of one write: its final process status, or the typed error.
 */
export type BolWriteOutcome =
  | { index: number; ok: true; settled: SettledProcessStatus }
  | { index: number; ok: false; error: MarketbridgeError };

/**
 * The fingerprint of a request: method, path and body.
 *
 * @example
 * ```ts
 * fingerprintOf(updateStockRequest('abc', { amount: 6, managedByRetailer: true }));
 * ```
 */
export function fingerprintOf(request: BolRequest): string {
  return `${request.method} ${request.api}${request.path} ${JSON.stringify(request.json ?? null)}`;
}

async function sendOnce(
  runtime: BolRuntime,
  write: BolWrite,
  fingerprint: string,
  signal?: AbortSignal,
): Promise<BolWriteReceipt> {
  const { data } = await runtime.client.send<BolProcessStatus>(write.request, signal);
  if (!data?.processStatusId)
    throw new TypeError(`bol.com answered ${write.request.operation} without a process status id.`);
  const receipt: BolWriteReceipt = { processStatusId: data.processStatusId, fingerprint };
  const settled = settle(data, data.processStatusId);
  if (settled) receipt.settled = settled;
  return receipt;
}

async function sendKeyed(
  runtime: BolRuntime,
  write: BolWrite,
  key: string,
  fingerprint: string,
  signal?: AbortSignal,
): Promise<BolWriteReceipt> {
  const operation = write.request.operation;
  const existing = await runtime.ledger.get<BolWriteReceipt>(key);
  if (existing?.status === 'done' && existing.result && existing.result.fingerprint !== fingerprint) {
    throw new ConflictError(
      `The key ${key} already named a different ${operation} write; nothing was sent. Give a different write a new key.`,
      { platform: 'bol', operation },
    );
  }
  const since = existing?.createdAt ?? runtime.context.clock.now();
  const receipt = await runtime.ledger.execute<BolWriteReceipt>({
    key,
    operation,
    // The ledger resolves a lost answer by reading back; the pipeline must not re-send it.
    send: (sendSignal) =>
      sendOnce(runtime, { ...write, request: { ...write.request, idempotent: false } }, fingerprint, sendSignal),
    readBack: (readSignal) =>
      write.readBack ? write.readBack(since, fingerprint, readSignal) : Promise.resolve({ status: 'unknown' as const }),
    ...(signal ? { signal } : {}),
  });
  if (receipt.fingerprint !== fingerprint) {
    throw new ConflictError(
      `The key ${key} already named a different ${operation} write; nothing was sent. Give a different write a new key.`,
      { platform: 'bol', operation },
    );
  }
  return receipt;
}

/**
 * Sends a batch of writes and reports each one's outcome from its process status. Writes go
 * out with `config.concurrency` in flight, paced by the windows; a write with a `key` goes
 * through the operation ledger (recorded before it is sent; a replay returns the recorded
 * process status instead of sending again; a lost answer is resolved by the write's
 * read-back). Then every pending process status is polled — in bulk, with backoff, until the
 * deadline — and final statuses of keyed writes are kept in the store, so a batch resumed
 * after a crash reports outcomes even once bol.com has forgotten them.
 *
 * @example
 * ```ts
 * const outcomes = await executeWrites(runtime, writes, { signal });
 * ```
 */
export async function executeWrites(
  runtime: BolRuntime,
  writes: readonly BolWrite[],
  options: { signal?: AbortSignal; onSent?: () => void } = {},
): Promise<BolWriteOutcome[]> {
  const { signal } = options;
  const receipts = new Map<number, BolWriteReceipt>();
  const outcomes: BolWriteOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < writes.length) {
      const write = writes[next++]!;
      const fingerprint = fingerprintOf(write.request);
      try {
        receipts.set(
          write.index,
          write.key
            ? await sendKeyed(runtime, write, write.key, fingerprint, signal)
            : await sendOnce(runtime, write, fingerprint, signal),
        );
      } catch (error) {
        signal?.throwIfAborted();
        outcomes.push({ index: write.index, ok: false, error: asMarketbridgeError(error, write.request.operation) });
      }
      options.onSent?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runtime.config.concurrency, writes.length)) }, worker));

  const keyed = new Set(writes.filter((write) => write.key).map((write) => write.index));
  const pending = new Map<string, number[]>();
  for (const [index, receipt] of receipts) {
    if (!receipt.settled && receipt.processStatusId && keyed.has(index)) {
      const cached = await runtime.settled.get(receipt.processStatusId);
      if (cached) receipt.settled = cached;
    }
    if (receipt.settled || !receipt.processStatusId) continue;
    pending.set(receipt.processStatusId, [...(pending.get(receipt.processStatusId) ?? []), index]);
  }
  const { processStatus } = runtime.config;
  const keyedIds = new Set(
    [...receipts].filter(([index]) => keyed.has(index)).map(([, receipt]) => receipt.processStatusId),
  );
  const waited = await awaitProcessStatuses(runtime.client, runtime.context, [...pending.keys()], {
    ...processStatus,
    ...(signal ? { signal } : {}),
    onSettled: (settled) => (keyedIds.has(settled.id) ? runtime.settled.put(settled) : undefined),
  });

  const byIndex = new Map(writes.map((write) => [write.index, write]));
  for (const [index, receipt] of receipts) {
    const operation = byIndex.get(index)!.request.operation;
    const id = receipt.processStatusId ?? '';
    const settled = receipt.settled ?? waited.settled.get(id);
    // A write the read-back found applied without a status (a shipment seen on the order).
    if (!settled && !receipt.processStatusId) {
      outcomes.push({ index, ok: true, settled: { id: '', state: 'SUCCESS' } });
      continue;
    }
    const error = processStatusError(settled, operation, id, settled ? undefined : waited.stoppedBy);
    if (error) outcomes.push({ index, ok: false, error });
    else outcomes.push({ index, ok: true, settled: settled! });
  }
  return outcomes.sort((a, b) => a.index - b.index);
}
