import type { ItemOutcome } from '../../../core/batch.js';
import type { MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import type { BolOfferRef } from '../offers-export/offer-index.js';
import { resolveOffers } from '../operations/resolve-offers.js';
import type { SettledProcessStatus } from '../process-status/outcome.js';
import type { BolRuntime } from '../runtime.js';
import { executeWrites, type BolWrite } from './execute.js';

/**
 * Options of the connector's batch writes.
 *
 * @example
 * ```ts
 * await bol.setInventory(levels, { batchKey: 'nightly-2026-01-01' });
 * ```
 *
 * @category Operations
 */
export interface BolWriteOptions {
  signal?: AbortSignal;
  /**
   * Names this batch so that it can be resumed: each item is recorded in the operation ledger
   * under the key and its position before it is sent, and calling again with the same key and
   * items (after a crash, a timeout) returns the recorded outcomes or polls their process
   * statuses instead of sending again. Items with their own `idempotencyKey` use that instead.
   */
  batchKey?: string;
}

/**
 * How one kind of write by SKU works: the checks bol.com's rules make before anything is sent,
 * the request for an item and its offer, and the value reported on success.
 */
export interface SkuWriteSpec<I extends { sku: string }, P, T> {
  operation: string;
  /** The payload of an item, or the issues that refuse it (paths relative to the item). */
  check(
    input: I,
    index: number,
  ): { ok: true; payload: P } | { ok: false; issues: ValidationIssue[] } | { ok: false; error: MarketbridgeError };
  /** Issues that refuse an item once its offer is known (an FBB offer for a stock write). */
  offerIssues?(ref: BolOfferRef, input: I): ValidationIssue[] | undefined;
  /** The write of a checked item for its offer. */
  write(payload: P, ref: BolOfferRef, index: number, input: I): Omit<BolWrite, 'index'>;
  /** The value reported for a successful item. */
  value(input: I, payload: P, ref: BolOfferRef, settled: SettledProcessStatus): T;
}

/**
 * Runs a write by SKU over a batch: every item is checked against bol.com's rules first (a SKU
 * given twice, values out of bol.com's range: refused per item, never sent), the SKUs are
 * resolved to offers (unknown or ambiguous ones refused per item), the rest are sent and
 * polled, and one outcome per input item comes back.
 *
 * @example
 * ```ts
 * const outcomes = await writeBySku(runtime, updates, spec, { batchKey: 'sync-7' });
 * ```
 */
export async function writeBySku<I extends { sku: string }, P, T>(
  runtime: BolRuntime,
  inputs: readonly I[],
  spec: SkuWriteSpec<I, P, T>,
  options: BolWriteOptions = {},
  onSent?: () => void,
): Promise<ItemOutcome<I, T>[]> {
  const outcomes: ItemOutcome<I, T>[] = [];
  const refuse = (index: number, issues: ValidationIssue[]) =>
    outcomes.push({
      index,
      input: inputs[index]!,
      ok: false,
      error: new ValidationError(
        `${spec.operation} item ${index} for bol.com`,
        issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
        { platform: 'bol', operation: spec.operation },
      ),
    });
  const counts = new Map<string, number>();
  for (const input of inputs) counts.set(input.sku, (counts.get(input.sku) ?? 0) + 1);
  const checked: { index: number; payload: P }[] = [];
  inputs.forEach((input, index) => {
    if ((counts.get(input.sku) ?? 0) > 1) {
      refuse(index, [
        {
          path: ['sku'],
          message: `SKU ${input.sku} appears ${counts.get(input.sku)} times in this batch; send one write per SKU.`,
        },
      ]);
      return;
    }
    const result = spec.check(input, index);
    if (result.ok) checked.push({ index, payload: result.payload });
    else if ('issues' in result) refuse(index, result.issues);
    else outcomes.push({ index, input, ok: false, error: result.error });
  });
  const refs = await resolveOffers(
    runtime,
    [...new Set(checked.map(({ index }) => inputs[index]!.sku))],
    spec.operation,
    options.signal,
  );
  const writes: BolWrite[] = [];
  const sent = new Map<number, { payload: P; ref: BolOfferRef }>();
  for (const { index, payload } of checked) {
    const input = inputs[index]!;
    const ref = refs.get(input.sku)!;
    if (!('offerId' in ref)) {
      outcomes.push({ index, input, ok: false, error: ref });
      continue;
    }
    const issues = spec.offerIssues?.(ref, input);
    if (issues && issues.length > 0) {
      refuse(index, issues);
      continue;
    }
    const write = spec.write(payload, ref, index, input);
    writes.push({ ...write, index });
    sent.set(index, { payload, ref });
  }
  for (const outcome of await executeWrites(runtime, writes, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onSent ? { onSent } : {}),
  })) {
    const input = inputs[outcome.index]!;
    if (!outcome.ok) outcomes.push({ index: outcome.index, input, ok: false, error: outcome.error });
    else {
      const { payload, ref } = sent.get(outcome.index)!;
      outcomes.push({ index: outcome.index, input, ok: true, value: spec.value(input, payload, ref, outcome.settled) });
    }
  }
  return outcomes;
}

/**
 * The ledger key of an item: its own idempotency key, else the batch key and position, else
 * none (sent without the ledger).
 *
 * @example
 * ```ts
 * writeKey('stock', 3, { batchKey: 'sync-7' }); // 'stock:batch:sync-7:3'
 * ```
 */
export function writeKey(
  kind: string,
  index: number,
  options: BolWriteOptions,
  idempotencyKey?: string,
): string | undefined {
  if (idempotencyKey) return `${kind}:key:${idempotencyKey}`;
  return options.batchKey ? `${kind}:batch:${options.batchKey}:${index}` : undefined;
}
