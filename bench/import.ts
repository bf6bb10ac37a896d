/**
 * Benchmark of the streamed importer's memory: a 1,000,000-row CSV (quoted fields, embedded
 * line breaks, a malformed row every 10,000) and a 1,000,000-line JSON Lines file, generated
 * lazily in 64 KiB byte chunks, imported in chunks of 1,000 rows into a sink that keeps
 * nothing. Reports the peak heap growth over the run, sampled at every chunk the importer
 * writes, and (run with `node --expose-gc --import tsx bench/import.ts`) the peak of what stays
 * alive after a collection: bounded however many rows the file has. Measures; asserts nothing.
 */
import { z } from 'zod';
import { importRecords } from '../src/sync/import/importer.js';

const MB = 1_048_576;
const ROWS = 1_000_000;

function* csvBytes(rows: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = 'sku,quantity,title\r\n';
  for (let i = 1; i <= rows; i++) {
    // every 10,000th row has a stray quote in an unquoted field: rejected, nothing merged
    text += i % 10_000 === 0 ? `SKU-${i},${i % 50},TV 5" stand\r\n` : `SKU-${i},${i % 50},"Mug ""${i}"", blue\nsecond line"\r\n`;
    if (text.length >= 65_536) {
      yield encoder.encode(text);
      text = '';
    }
  }
  if (text) yield encoder.encode(text);
}

function* jsonlBytes(rows: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = '';
  for (let i = 1; i <= rows; i++) {
    text += `{"sku":"SKU-${i}","quantity":${i % 50},"title":"Mug ${i}"}\n`;
    if (text.length >= 65_536) {
      yield encoder.encode(text);
      text = '';
    }
  }
  if (text) yield encoder.encode(text);
}

const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

const Row = z.object({ sku: z.string().min(1), quantity: z.coerce.number().int().min(0), title: z.string() });

async function measure(format: 'csv' | 'jsonl', rows: number): Promise<Record<string, unknown>> {
  const input = format === 'csv' ? csvBytes(rows) : jsonlBytes(rows);
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().heapUsed;
  const gc = (globalThis as { gc?: () => void }).gc;
  let peak = 0;
  let retained = 0;
  let written = 0;
  let chunks = 0;
  const report = await importRecords({
    id: `bench-${format}-${rows}`,
    format,
    input,
    schema: Row,
    chunkSize: 1_000,
    maxRejections: 10,
    write: (chunk) => {
      written += chunk.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      // With --expose-gc: what stays alive, every 100th chunk.
      if (gc && ++chunks % 100 === 0) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
      }
    },
  });
  return { rows, records: report.records, imported: report.imported, rejected: report.rejected, written, peakHeapGrowthMB: round(peak), ...(gc ? { peakRetainedMB: round(retained) } : {}) };
}

/** The measurements, for bench/results.json. */
export async function run(): Promise<Record<string, unknown>> {
  return {
    note: 'peak heap growth while importing (garbage not yet collected included), sampled at every written chunk; bounded memory means 1,000,000 rows need no more than 100,000',
    csv100k: await measure('csv', ROWS / 10),
    csv1M: await measure('csv', ROWS),
    jsonl100k: await measure('jsonl', ROWS / 10),
    jsonl1M: await measure('jsonl', ROWS),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
