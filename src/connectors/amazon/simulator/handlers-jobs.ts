import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import { formatMoney } from '../../../model/money.js';
import { processListingsFeed } from './process-feed.js';
import type { SimulatorRuntime } from './runtime.js';
import type { SimulatedJob } from './state.js';

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text])
    .stream()
    .pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function listingsTsv(rt: SimulatorRuntime): string {
  const header = ['item-name', 'seller-sku', 'asin1', 'price', 'quantity', 'status'].join('\t');
  const rows = [...rt.state.listings.values()].map((listing) =>
    [
      listing.title,
      listing.sku,
      listing.asin,
      formatMoney(listing.price),
      String(listing.quantity),
      listing.quantity > 0 ? 'Active' : 'Inactive',
    ].join('\t'),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

/** Moves a job along by (fake) time and produces its result document when it finishes. */
async function settle(rt: SimulatorRuntime, job: SimulatedJob): Promise<void> {
  if (job.status === 'DONE' || job.status === 'CANCELLED' || job.status === 'FATAL') return;
  const duration = job.kind === 'feed' ? rt.feedProcessingMs : rt.reportProcessingMs;
  const elapsed = rt.clock.now() - job.createdAt;
  if (elapsed < duration) {
    job.status = elapsed >= duration / 2 ? 'IN_PROGRESS' : 'IN_QUEUE';
    return;
  }
  const resultId = rt.nextId(job.kind === 'feed' ? 'amzn1.tortuga.4.na.feedresult' : 'amzn1.spdoc.1.4.na.report');
  if (job.kind === 'feed') {
    const input = rt.state.documents.get(job.inputDocumentId ?? '');
    if (!input?.bytes) {
      job.status = 'FATAL';
      return;
    }
    const text = new TextDecoder().decode(input.bytes);
    const report = processListingsFeed(rt, job.id, text);
    rt.state.documents.set(resultId, {
      id: resultId,
      contentType: 'application/json',
      bytes: new TextEncoder().encode(JSON.stringify(report)),
    });
  } else {
    rt.state.documents.set(resultId, {
      id: resultId,
      contentType: 'text/tab-separated-values',
      bytes: await gzip(listingsTsv(rt)),
      gzip: true,
    });
  }
  job.resultDocumentId = resultId;
  job.status = 'DONE';
}

function jobJson(rt: SimulatorRuntime, job: SimulatedJob): Record<string, unknown> {
  const common = {
    marketplaceIds: [rt.marketplaceId],
    createdTime: new Date(job.createdAt).toISOString(),
    processingStatus: job.status,
  };
  return job.kind === 'feed'
    ? {
        feedId: job.id,
        feedType: job.type,
        ...common,
        ...(job.resultDocumentId ? { resultFeedDocumentId: job.resultDocumentId } : {}),
      }
    : {
        reportId: job.id,
        reportType: job.type,
        ...common,
        ...(job.resultDocumentId ? { reportDocumentId: job.resultDocumentId } : {}),
      };
}

/** Feeds 2021-06-30, Reports 2021-06-30 and the pre-signed document URLs. */
export function jobHandlers(rt: SimulatorRuntime): HttpHandler[] {
  const documentUrl = (id: string) => `${rt.base}/__documents/${encodeURIComponent(id)}`;
  return [
    http.post(`${rt.base}/feeds/2021-06-30/documents`, async ({ request }) => {
      const denied = rt.gate('createFeedDocument', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { contentType?: string };
      if (!body.contentType) return rt.error(400, 'InvalidInput', 'contentType is required.');
      const id = rt.nextId('amzn1.tortuga.4.na.feeddoc');
      rt.state.documents.set(id, { id, contentType: body.contentType });
      return rt.json('createFeedDocument', { feedDocumentId: id, url: documentUrl(id) }, 201);
    }),
    http.put(`${rt.base}/__documents/:id`, async ({ request, params }) => {
      const document = rt.state.documents.get(String(params.id));
      if (!document) return new HttpResponse('NoSuchKey', { status: 404 });
      document.bytes = new Uint8Array(await request.arrayBuffer());
      return new HttpResponse(null, { status: 200 });
    }),
    http.get(`${rt.base}/__documents/:id`, ({ params }) => {
      const document = rt.state.documents.get(String(params.id));
      if (!document?.bytes) return new HttpResponse('NoSuchKey', { status: 404 });
      return new HttpResponse(document.bytes, { status: 200, headers: { 'content-type': document.contentType } });
    }),
    http.post(`${rt.base}/feeds/2021-06-30/feeds`, async ({ request }) => {
      const denied = rt.gate('createFeed', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as {
        feedType?: string;
        inputFeedDocumentId?: string;
        marketplaceIds?: string[];
      };
      if (!body.feedType || !body.inputFeedDocumentId || !body.marketplaceIds?.length)
        return rt.error(400, 'InvalidInput', 'feedType, marketplaceIds and inputFeedDocumentId are required.');
      if (!rt.state.documents.get(body.inputFeedDocumentId)?.bytes)
        return rt.error(400, 'InvalidInput', 'The input feed document has not been uploaded.');
      const id = rt.nextId('feed');
      rt.state.jobs.set(id, {
        id,
        kind: 'feed',
        type: body.feedType,
        createdAt: rt.clock.now(),
        status: 'IN_QUEUE',
        inputDocumentId: body.inputFeedDocumentId,
      });
      return rt.json('createFeed', { feedId: id }, 202);
    }),
    http.get(`${rt.base}/feeds/2021-06-30/feeds/:feedId`, async ({ request, params }) => {
      const denied = rt.gate('getFeed', request);
      if (denied) return denied;
      const job = rt.state.jobs.get(String(params.feedId));
      if (job?.kind !== 'feed') return rt.error(404, 'NotFound', 'Feed not found.');
      await settle(rt, job);
      return rt.json('getFeed', jobJson(rt, job));
    }),
    http.delete(`${rt.base}/feeds/2021-06-30/feeds/:feedId`, ({ request, params }) => {
      const denied = rt.gate('cancelFeed', request);
      if (denied) return denied;
      const job = rt.state.jobs.get(String(params.feedId));
      if (job?.kind !== 'feed') return rt.error(404, 'NotFound', 'Feed not found.');
      if (job.status !== 'IN_QUEUE') return rt.error(400, 'InvalidInput', 'Only IN_QUEUE feeds can be cancelled.');
      job.status = 'CANCELLED';
      return new HttpResponse(null, { status: 200 });
    }),
    http.get(`${rt.base}/feeds/2021-06-30/documents/:id`, ({ request, params }) => {
      const denied = rt.gate('getFeedDocument', request);
      if (denied) return denied;
      const document = rt.state.documents.get(String(params.id));
      if (!document?.bytes) return rt.error(404, 'NotFound', 'Feed document not found.');
      return rt.json('getFeedDocument', {
        feedDocumentId: document.id,
        url: documentUrl(document.id),
        ...(document.gzip ? { compressionAlgorithm: 'GZIP' } : {}),
      });
    }),
    http.post(`${rt.base}/reports/2021-06-30/reports`, async ({ request }) => {
      const denied = rt.gate('createReport', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { reportType?: string; marketplaceIds?: string[] };
      if (!body.reportType || !body.marketplaceIds?.length)
        return rt.error(400, 'InvalidInput', 'reportType and marketplaceIds are required.');
      const id = rt.nextId('report');
      rt.state.jobs.set(id, {
        id,
        kind: 'report',
        type: body.reportType,
        createdAt: rt.clock.now(),
        status: 'IN_QUEUE',
      });
      return rt.json('createReport', { reportId: id }, 202);
    }),
    http.get(`${rt.base}/reports/2021-06-30/reports/:reportId`, async ({ request, params }) => {
      const denied = rt.gate('getReport', request);
      if (denied) return denied;
      const job = rt.state.jobs.get(String(params.reportId));
      if (job?.kind !== 'report') return rt.error(404, 'NotFound', 'Report not found.');
      await settle(rt, job);
      return rt.json('getReport', jobJson(rt, job));
    }),
    http.get(`${rt.base}/reports/2021-06-30/documents/:id`, ({ request, params }) => {
      const denied = rt.gate('getReportDocument', request);
      if (denied) return denied;
      const document = rt.state.documents.get(String(params.id));
      if (!document?.bytes) return rt.error(404, 'NotFound', 'Report document not found.');
      return rt.json('getReportDocument', {
        reportDocumentId: document.id,
        url: documentUrl(document.id),
        ...(document.gzip ? { compressionAlgorithm: 'GZIP' } : {}),
      });
    }),
  ];
}
