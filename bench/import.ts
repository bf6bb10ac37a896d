/**
 * Benchmark of the streamed importer's memory: a 1,000,000-row CSV (quoted fields, embedded
 * line breaks, a malformed row every 10,000) and a 1,000,000-line JSON Lines file, generated
 * lazily in 64 KiB byte chunks, imported in chunks of 1,000 rows into a sink that keeps
 * nothing. Reports the peak heap growth over the run, sampled at every chunk the importer
 * writes, and (run with `node --expose-gc --import tsx bench/import.ts`) the peak of what stays
 * alive after a collection: bounded however many rows the file has.
 *
 * Then speed, side by side in one run: the importer against a baseline of `node:readline` over
 * the same bytes + the same zod schema (CSV split on commas — the file has no quoted fields, so
 * the baseline's naive split reads it correctly — and JSON.parse for JSON Lines). Rounds
 * interleave baseline and importer; rates come from the process's CPU time, and the figures
 * are min/median/max of importer time ÷ baseline time over the rounds. Measures; asserts nothing.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { stats } from './lib/stats.js';
import { importRecords } from '../src/sync/import/importer.js';

const MB = 1_048_576;
const ROWS = 1_000_000;

function* csvBytes(rows: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = 'sku,quantity,title\r\n';
  for (let i = 1; i <= rows; i++) {
    // every 10,000th row has a stray quote in an unquoted field: rejected, nothing merged
    text +=
      i % 10_000 === 0
        ? `SKU-${i},${i % 50},TV 5" stand\r\n`
        : `SKU-${i},${i % 50},"Mug ""${i}"", blue\nsecond line"\r\n`;
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
  return {
    rows,
    records: report.records,
    imported: report.imported,
    rejected: report.rejected,
    written,
    peakHeapGrowthMB: round(peak),
    ...(gc ? { peakRetainedMB: round(retained) } : {}),
  };
}

function* plainCsvBytes(rows: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = 'sku,quantity,title\n';
  for (let i = 1; i <= rows; i++) {
    text += `SKU-${i},${i % 50},Mug ${i} blue\n`;
    if (text.length >= 65_536) {
      yield encoder.encode(text);
      text = '';
    }
  }
  if (text) yield encoder.encode(text);
}

async function baseline(format: 'csv' | 'jsonl', rows: number): Promise<number> {
  const input = Readable.from(format === 'csv' ? plainCsvBytes(rows) : jsonlBytes(rows));
  let header: string[] | undefined;
  let valid = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line === '') continue;
    let value: unknown;
    if (format === 'jsonl') value = JSON.parse(line);
    else {
      const fields = line.split(',');
      if (!header) {
        header = fields;
        continue;
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i]!] = fields[i]!;
      value = record;
    }
    if (Row.safeParse(value).success) valid++;
  }
  return valid;
}

async function importer(format: 'csv' | 'jsonl', rows: number, round: number): Promise<number> {
  let written = 0;
  await importRecords({
    id: `speed-${format}-${round}`,
    format,
    input: format === 'csv' ? plainCsvBytes(rows) : jsonlBytes(rows),
    schema: Row,
    chunkSize: 1_000,
    write: (chunk) => {
      written += chunk.length;
    },
  });
  return written;
}

const SPEED_ROWS = Number(process.env.MB_BENCH_IMPORT_ROWS ?? 200_000);
const SPEED_ROUNDS = Number(process.env.MB_BENCH_IMPORT_ROUNDS ?? 7);

async function cpuMs(fn: () => Promise<number>): Promise<number> {
  const started = process.cpuUsage();
  const valid = await fn();
  if (valid !== SPEED_ROWS) throw new Error(`expected ${SPEED_ROWS} valid rows, got ${valid}`);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

async function speed(format: 'csv' | 'jsonl'): Promise<Record<string, unknown>> {
  const ratios: number[] = [];
  const base: number[] = [];
  const ours: number[] = [];
  // One warm-up round, not recorded; then baseline and importer alternate, starting side swapped each round.
  for (let round = -1; round < SPEED_ROUNDS; round++) {
    const first = round % 2 === 0;
    const b1 = first ? await cpuMs(() => baseline(format, SPEED_ROWS)) : 0;
    const o = await cpuMs(() => importer(format, SPEED_ROWS, round));
    const b = first ? b1 : await cpuMs(() => baseline(format, SPEED_ROWS));
    if (round < 0) continue;
    base.push(b);
    ours.push(o);
    ratios.push(o / b);
  }
  const perSecond = (ms: number[]) =>
    stats(
      ms.map((m) => SPEED_ROWS / (m / 1000)),
      0,
    );
  return {
    rows: SPEED_ROWS,
    rounds: SPEED_ROUNDS,
    baselineRowsPerCpuSecond: perSecond(base),
    importerRowsPerCpuSecond: perSecond(ours),
    importerTimeOverBaseline: stats(ratios),
  };
}

/** The measurements, for bench/results.json. */
export async function run(): Promise<Record<string, unknown>> {
  return {
    speed: {
      note: 'importer CPU time ÷ baseline CPU time (node:readline + the same zod schema; CSV split on commas), interleaved rounds in one process on a shared machine: min/median/max. Target: at most 1.15.',
      target: 1.15,
      csv: await speed('csv'),
      jsonl: await speed('jsonl'),
    },
    note: 'peak heap growth while importing (garbage not yet collected included), sampled at every written chunk; bounded memory means 1,000,000 rows need no more than 100,000',
    csv100k: await measure('csv', ROWS / 10),
    csv1M: await measure('csv', ROWS),
    jsonl100k: await measure('jsonl', ROWS / 10),
    jsonl1M: await measure('jsonl', ROWS),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await run(), null, 2));
