import type { AsyncJobDefinition, DocumentFormat } from '../../../http/jobs/async-job.js';
import type { SpApiClient } from '../client.js';

/**
 * An SP-API report as a definition for the request pipeline's `AsyncJob`: `createReport` →
 * poll `getReport` → `getReportDocument` → download (gzip detected from the bytes) → streamed
 * rows. The job's state lives in the store under your key, so a fresh process resumes it with
 * `AsyncJob.load`.
 *
 * @example
 * ```ts
 * const job = await AsyncJob.load(amazonReportJob(amazon.client, { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA' }), { clock, store, storeKey: 'report:daily', pollMs: 30_000 });
 * for await (const row of job.rows<Record<string, string>>()) console.log(row['seller-sku']);
 * ```
 *
 * @category Operations
 */
export function amazonReportJob(
  client: SpApiClient,
  input: { reportType: string; dataStartTime?: string; dataEndTime?: string; format?: DocumentFormat },
): AsyncJobDefinition {
  return {
    kind: `amazon.report.${input.reportType}`,
    async create(signal) {
      const { reportId } = await client.createReport(
        {
          reportType: input.reportType,
          ...(input.dataStartTime ? { dataStartTime: input.dataStartTime } : {}),
          ...(input.dataEndTime ? { dataEndTime: input.dataEndTime } : {}),
        },
        signal,
      );
      return { jobId: reportId };
    },
    async poll(state, signal) {
      const report = await client.getReport(state.jobId!, signal);
      if (report.processingStatus === 'CANCELLED' || report.processingStatus === 'FATAL')
        return { status: 'failed', reason: `report ${report.processingStatus}` };
      if (report.processingStatus !== 'DONE' || !report.reportDocumentId) return { status: 'pending' };
      // The document's URL expires after five minutes: resolve it at download time, keep the id.
      return {
        status: 'done',
        document: { url: report.reportDocumentId, format: input.format ?? 'tsv' },
        data: { reportDocumentId: report.reportDocumentId },
      };
    },
    async download(document, signal) {
      const { url } = await client.getReportDocument(document.url, signal);
      return client.downloadRaw(url, signal);
    },
  };
}
