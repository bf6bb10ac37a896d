import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventBus } from '../../src/core/events.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { importRecords, type ImportChunk } from '../../src/sync/import/importer.js';

const Row = z.object({
  sku: z.string().min(1),
  quantity: z.coerce.number().int().min(0),
  price: z.object({ amountMinor: z.coerce.number().int(), currency: z.string().length(3) }),
});
type Row = z.infer<typeof Row>;

/** A sink that, as the importer asks, remembers chunk keys in the same "transaction" as the rows. */
function sink() {
  const rows = new Map<string, number>();
  const keys = new Set<string>();
  let redelivered = 0;
  const write = (chunk: Row[], meta: ImportChunk) => {
    if (keys.has(meta.key)) {
      redelivered++;
      return;
    }
    keys.add(meta.key);
    for (const row of chunk) rows.set(row.sku, (rows.get(row.sku) ?? 0) + 1);
  };
  return { rows, write, redeliveries: () => redelivered };
}

/** A 100,000-row CSV, produced lazily in byte chunks that split lines (and a multi-byte character) anywhere. */
function* csvFile(rows: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = '\ufeffItem SKU;Qty;Price cents;Note\r\n';
  for (let i = 1; i <= rows; i++) {
    const bad = i % 1_000 === 0;
    text += `SKU-${i};${bad ? 'many' : i % 50};${1000 + i};"café; ""${i}""\n second line"\r\n`;
    if (text.length > 4_000) {
      const bytes = encoder.encode(text);
      const cut = bytes.length - 7;
      yield bytes.slice(0, cut);
      text = '';
      yield bytes.slice(cut);
    }
  }
  if (text) yield encoder.encode(text);
}

const mapping = { 'Item SKU': 'sku', Qty: 'quantity', 'Price cents': 'price.amountMinor', Currency: 'price.currency' };

describe('importRecords', () => {
  it('resumes a 100,000-row CSV after a kill in the middle and imports every row once', async () => {
    const store = new MemoryStore();
    const target = sink();
    const common = {
      id: 'stock-1',
      format: 'csv' as const,
      schema: Row.extend({ price: Row.shape.price.extend({ currency: z.string().length(3).default('EUR') }) }),
      columnMapping: mapping,
      csv: { delimiter: ';' },
      chunkSize: 1_000,
      context: { store },
    };
    let chunks = 0;
    // killed after the sink committed chunk 40 but before the checkpoint: the worst place
    const killing = (rows: Row[], meta: ImportChunk) => {
      target.write(rows, meta);
      if (++chunks === 41) throw new Error('killed');
    };
    await expect(importRecords({ ...common, input: csvFile(100_000), write: killing })).rejects.toThrow('killed');
    const report = await importRecords({ ...common, input: csvFile(100_000), write: target.write });
    expect(report.resumedAfter).toBeGreaterThan(39_000);
    expect(report).toMatchObject({ status: 'completed', records: 100_000, imported: 99_900, rejected: 100 });
    expect(target.rows.size).toBe(99_900);
    expect([...target.rows.values()].every((count) => count === 1)).toBe(true);
    expect(target.redeliveries()).toBe(1);
    expect(report.rejections[0]).toEqual({
      record: 1_000,
      line: 2_000,
      reasons: [{ path: 'quantity', message: expect.stringContaining('number') }],
    });
    // a third call is a no-op
    expect(
      (
        await importRecords({
          ...common,
          input: csvFile(100_000),
          write: () => {
            throw new Error('no');
          },
        })
      ).imported,
    ).toBe(99_900);
  });

  it('streams JSON arrays and JSON Lines from a ReadableStream with rejected rows and reasons', async () => {
    const events = new EventBus();
    const progress: string[] = [];
    events.on('syncProgress', (e) => progress.push(`${e.phase}:${e.done}`));
    const items = [
      { sku: 'A', quantity: 1, price: { amountMinor: 100, currency: 'EUR' } },
      { sku: '', quantity: -1, price: { amountMinor: 1.5, currency: 'EURO' } },
      { sku: 'C', quantity: '3', price: { amountMinor: '300', currency: 'EUR' }, extra: { nested: ['],{'] } },
    ];
    const json = JSON.stringify(items);
    const stream = new ReadableStream<string>({
      start(controller) {
        for (let i = 0; i < json.length; i += 5) controller.enqueue(json.slice(i, i + 5));
        controller.close();
      },
    });
    const got: Row[] = [];
    const report = await importRecords({
      id: 'j',
      format: 'json',
      input: stream,
      schema: Row,
      chunkSize: 2,
      write: (rows) => void got.push(...rows),
      context: { events },
    });
    expect(got.map((r) => r.sku)).toEqual(['A', 'C']);
    expect(report.rejections).toEqual([
      {
        record: 2,
        reasons: [
          { path: 'sku', message: expect.any(String) },
          { path: 'quantity', message: expect.any(String) },
          { path: 'price.amountMinor', message: expect.any(String) },
          { path: 'price.currency', message: expect.any(String) },
        ],
      },
    ]);
    expect(progress).toEqual(['import:3', 'import_completed:3']);

    const jsonl = [
      '{"sku":"A","quantity":1,"price":{"amountMinor":1,"currency":"EUR"}}',
      '',
      '{not json}',
      '{"sku":"B","quantity":2,"price":{"amountMinor":2,"currency":"EUR"}}',
    ].join('\n');
    const lines = await importRecords({ id: 'l', format: 'jsonl', input: [jsonl], schema: Row, write: () => {} });
    expect(lines).toMatchObject({ imported: 2, rejected: 1 });
    expect(lines.rejections[0]?.reasons[0]?.message).toContain('Not valid JSON');
  });

  it('rejects a row with the wrong number of columns and refuses bad options at once', async () => {
    const report = await importRecords({
      id: 'c',
      format: 'csv',
      input: ['sku,quantity\nA,1\nB,2,3\n'],
      schema: z.object({ sku: z.string(), quantity: z.coerce.number() }),
      write: () => {},
    });
    expect(report).toMatchObject({ imported: 1, rejected: 1 });
    expect(report.rejections[0]?.reasons[0]?.message).toContain('Expected 2 columns, found 3');
    await expect(
      importRecords({
        id: '',
        format: 'xml' as never,
        input: [],
        schema: {} as never,
        write: undefined as never,
        chunkSize: 0,
      }),
    ).rejects.toSatisfy((error: unknown) => error instanceof ValidationError && error.issues.length === 5);
  });
});
