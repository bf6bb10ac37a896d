import { AsyncJob, type AsyncJobState } from '../../../http/jobs/async-job.js';
import type { BolOfferFacts } from '../mapper/offer.js';
import { skuOf } from '../mapper/offer.js';
import { bolOfferExportJob } from '../offers-export/export-job.js';
import type { BolOfferRef } from '../offers-export/offer-index.js';
import { exportRowFacts } from '../offers-export/rows.js';
import type { BolRuntime } from '../runtime.js';
import type { BolConditionName, BolFulfilmentMethod } from '../types.js';

async function loadExport(runtime: BolRuntime, fresh: boolean): Promise<AsyncJob> {
  const { context, config, prefix } = runtime;
  const options = {
    clock: context.clock,
    store: context.store,
    storeKey: `${prefix}:offer-export`,
    pollMs: config.processStatus.pollMs,
    maxPollMs: config.processStatus.maxPollMs,
    deadlineMs: config.processStatus.deadlineMs,
  };
  const saved = await context.store.get<AsyncJobState>(options.storeKey);
  // A finished export is reused for a while (unless a fresh one is asked for); an old or failed
  // one makes way for a new request. One in progress is always resumed.
  const stale =
    saved &&
    (saved.phase === 'failed' ||
      (saved.phase === 'done' && (fresh || context.clock.now() - saved.createdAt > config.exportReuseMs)));
  if (stale) await context.store.delete(options.storeKey);
  return AsyncJob.load(bolOfferExportJob(runtime.client), options);
}

/**
 * Every offer of the account, streamed from bol.com's offers export (request → process status
 * → CSV download → rows parsed as they arrive). An export in progress in the store is resumed,
 * not requested again; a finished one is reused for `exportReuseMs` unless `fresh`. A complete
 * pass rebuilds the offer index (SKU → offer id) that writes by SKU use.
 *
 * @example
 * ```ts
 * for await (const facts of exportOffers(runtime)) console.log(facts.offerId, facts.stock);
 * ```
 */
export async function* exportOffers(
  runtime: BolRuntime,
  signal?: AbortSignal,
  fresh = false,
): AsyncGenerator<BolOfferFacts> {
  const job = await loadExport(runtime, fresh);
  const index = new Map<string, BolOfferRef[]>();
  for await (const row of job.rows<Record<string, string>>('csv', signal)) {
    const facts = exportRowFacts(row);
    if (facts.isErr()) {
      runtime.context.logger.warn('bol.com offers export row skipped', { reason: facts.error.message });
      continue;
    }
    const sku = skuOf(facts.value, runtime.config.identifier);
    if (sku) {
      const ref: BolOfferRef = {
        offerId: facts.value.offerId,
        ean: facts.value.ean,
        fulfilment: facts.value.fulfilment as BolFulfilmentMethod,
        condition: facts.value.condition as BolConditionName,
      };
      if (facts.value.reference) ref.reference = facts.value.reference;
      index.set(sku, [...(index.get(sku) ?? []), ref]);
    }
    yield facts.value;
  }
  await runtime.offers.replace(index);
}

/**
 * Rebuilds the offer index from a fresh offers export; resolves how many SKUs it holds. Call it
 * after offers were created or deleted outside this connector.
 *
 * @example
 * ```ts
 * const skus = await refreshOfferIndex(runtime);
 * ```
 */
export async function refreshOfferIndex(runtime: BolRuntime, signal?: AbortSignal): Promise<number> {
  let count = 0;
  for await (const _ of exportOffers(runtime, signal, true)) count++;
  return count;
}
