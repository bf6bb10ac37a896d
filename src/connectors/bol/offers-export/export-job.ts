import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import type { AsyncJobDefinition } from '../../../http/jobs/async-job.js';
import type { BolClient } from '../client.js';
import { createOfferExportRequest, getOfferExportRequest } from '../requests/offers.js';
import { getProcessStatusRequest } from '../requests/process-status.js';
import type { BolProcessStatus } from '../types.js';

/**
 * The offers export as an {@link AsyncJobDefinition}: `POST /offers/export` (a process status)
 * → poll `GET /shared/process-status/{id}` until `SUCCESS`, whose entity id is the report id →
 * `GET /offers/export/{report-id}` (CSV, streamed). Keep the job's state in the store and
 * another process resumes it without requesting a second export.
 *
 * @example
 * ```ts
 * const job = await AsyncJob.load(bolOfferExportJob(client), { clock, store, storeKey: 'bol:export', pollMs: 5000 });
 * for await (const row of job.rows<Record<string, string>>('csv')) console.log(row.offerId, row.stockAmount);
 * ```
 *
 * @category Operations
 */
export function bolOfferExportJob(client: BolClient): AsyncJobDefinition {
  return {
    kind: 'bol.offer-export',
    async create(signal) {
      const { data } = await client.send<BolProcessStatus>(createOfferExportRequest(), signal);
      if (!data?.processStatusId)
        throw new TypeError('bol.com answered the offers export request without a process status id.');
      return { jobId: data.processStatusId };
    },
    async poll(state, signal) {
      let data: BolProcessStatus | null;
      try {
        data = (await client.send<BolProcessStatus | null>(getProcessStatusRequest(state.jobId!), signal)).data;
      } catch (error) {
        // bol.com forgets finished statuses after a while: this export cannot be found again.
        if (isMarketbridgeError(error) && error.code === 'not_found')
          return { status: 'failed', reason: 'its process status is gone' };
        throw error;
      }
      // An answer without a state says nothing: ask again (the deadline bounds the wait).
      if (typeof data?.status !== 'string' || data.status === 'PENDING') return { status: 'pending' };
      if (data.status !== 'SUCCESS')
        return {
          status: 'failed',
          reason: `process status ${data.status}${data.errorMessage ? `: ${data.errorMessage}` : ''}`,
        };
      if (!data.entityId) return { status: 'failed', reason: 'the finished export names no report id' };
      return { status: 'done', document: { url: data.entityId, format: 'csv' }, data: { reportId: data.entityId } };
    },
    async download(document, signal) {
      const { data } = await client.send<ReadableStream<Uint8Array>>(getOfferExportRequest(document.url), signal);
      return data;
    },
  };
}
