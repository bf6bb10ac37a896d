import { describe, expect, it } from 'vitest';
import { csvRowBatches } from '../../src/sync/import/csv.js';
import { jsonLineBatches } from '../../src/sync/import/json.js';
import { lineBatches } from '../../src/sync/import/text.js';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe('import readers hand over one array of records per text chunk', () => {
  it('lineBatches: one array per chunk, lines across chunk ends joined, CRLF split between chunks removed', async () => {
    expect(await collect(lineBatches(chunks('a\r\nb\nc', 'd\r', '\ne\n\nf')))).toEqual([
      ['a', 'b'],
      ['cd', 'e', ''],
      ['f'],
    ]);
  });

  it('jsonLineBatches: values with their line numbers, blank lines skipped, a bad line rejected in place', async () => {
    const batches = await collect(jsonLineBatches(chunks('{"a":1}\n\n{"a":', '2}\nnope\n')));
    expect(batches).toHaveLength(2);
    expect(batches[0]).toEqual([{ ok: true, value: { a: 1 }, line: 1 }]);
    expect(batches[1]![0]).toEqual({ ok: true, value: { a: 2 }, line: 3 });
    expect(batches[1]![1]).toMatchObject({ ok: false, line: 4 });
  });

  it('csvRowBatches: the header is read once, rows of each chunk come together, a quoted line break spans chunks', async () => {
    const batches = await collect(csvRowBatches(chunks('sku,qty\r\nA,1\r\nB,"2', '\r\n"\r\nC,3,x\r\n')));
    expect(batches.map((batch) => batch.length)).toEqual([1, 2]);
    expect(batches[0]![0]).toMatchObject({ ok: true, value: { sku: 'A', qty: '1' }, line: 2 });
    expect(batches[1]![0]).toMatchObject({ ok: true, value: { sku: 'B', qty: '2\r\n' }, line: 3 });
    expect(batches[1]![1]).toMatchObject({ ok: false, line: 5 });
  });
});
