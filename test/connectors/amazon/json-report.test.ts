import { describe, expect, it } from 'vitest';
import {
  readReportRows,
  runReportJob,
  startReportJob,
  type ReportJobState,
} from '../../../src/connectors/amazon/index.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A ready report whose document is replaced by `bytes` (the simulator itself writes TSV). */
async function jsonReport(bytes: Uint8Array, gzipped = false) {
  const { amazon, simulator, clock } = setup(server);
  const ready: ReportJobState = await clock.drive(() =>
    runReportJob(amazon.client, startReportJob({ reportType: 'GET_SALES_AND_TRAFFIC_REPORT' }), {
      clock,
      pollIntervalMs: 15_000,
    }),
  );
  const id = ready.reportDocumentId!;
  simulator.state.documents.set(id, { id, contentType: 'application/json', bytes, ...(gzipped ? { gzip: true } : {}) });
  return { amazon, ready };
}

async function collect(rows: AsyncIterable<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const ROWS = Array.from({ length: 500 }, (_, i) => ({
  sku: `J-${i}`,
  note: `quote " and bracket ] and brace } ${i}`,
  nested: { list: [i, i + 1] },
}));

describe('JSON reports', () => {
  it('streams a gzipped top-level array element by element', async () => {
    const { amazon, ready } = await jsonReport(await gzip(` \n${JSON.stringify(ROWS)}`), true);
    expect(await collect(readReportRows(amazon.client, ready, { format: 'json' }))).toEqual(ROWS);
  });

  it('streams the array under jsonPath of a top-level object', async () => {
    const document = {
      reportSpecification: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT' },
      salesAndTrafficByDate: [{ date: '2026-11-01' }],
      salesAndTrafficByAsin: ROWS,
    };
    const { amazon, ready } = await jsonReport(new TextEncoder().encode(JSON.stringify(document)));
    expect(
      await collect(readReportRows(amazon.client, ready, { format: 'json', jsonPath: ['salesAndTrafficByAsin'] })),
    ).toEqual(ROWS);
  });

  it('yields a top-level object read without jsonPath as one row', async () => {
    const document = {
      reportSpecification: { reportType: 'GET_SALES_AND_TRAFFIC_REPORT' },
      salesAndTrafficByAsin: ROWS.slice(0, 3),
    };
    const { amazon, ready } = await jsonReport(new TextEncoder().encode(JSON.stringify(document)));
    expect(await collect(readReportRows(amazon.client, ready, { format: 'json' }))).toEqual([document]);
  });
});
