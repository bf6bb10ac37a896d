import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { csvRecords, type CsvOptions } from '../../src/sync/import/csv.js';
import type { CsvRecord } from '../../src/sync/import/csv-reader.js';
import { ImportFormatError } from '../../src/sync/import/import-format-error.js';
import { importRecords, type ImportReport } from '../../src/sync/import/importer.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 200);
const Sku = z.object({ sku: z.string().min(1) });

async function read(text: string | string[], options: CsvOptions = {}): Promise<CsvRecord[]> {
  const chunks = typeof text === 'string' ? [text] : text;
  const out: CsvRecord[] = [];
  for await (const record of csvRecords(
    (async function* () {
      yield* chunks;
    })(),
    options,
  ))
    out.push(record);
  return out;
}

async function importCsv(
  input: string | Uint8Array[],
  csv: CsvOptions = {},
): Promise<{ report: ImportReport; rows: unknown[] }> {
  const rows: unknown[] = [];
  const report = await importRecords({
    id: 'csv',
    format: 'csv',
    input: typeof input === 'string' ? [input] : input,
    schema: z.record(z.string(), z.string()),
    csv,
    write: (chunk) => void rows.push(...chunk),
  });
  return { report, rows };
}

/** A field as RFC 4180 writes it: quoted when it holds a delimiter, quote or line break, quotes doubled. */
const writeField = (field: string) =>
  /[",\r\n]/.test(field) || field === '' ? `"${field.replaceAll('"', '""')}"` : field;
const writeCsv = (records: string[][], newline: string) =>
  records.map((fields) => fields.map(writeField).join(',')).join(newline) + newline;

/** Splits text at random places, the way a network delivers it. */
function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const point of points) {
    parts.push(text.slice(last, point));
    last = point;
  }
  parts.push(text.slice(last));
  return parts;
}

describe('CSV import follows RFC 4180 strictly', () => {
  it('an unterminated quote rejects its record only: the lines after it are read again (4 records, not 2)', async () => {
    const { report, rows } = await importCsv('sku\nA\n"B\nC\nD\n');
    expect(report).toMatchObject({ records: 4, imported: 3, rejected: 1 });
    expect(rows).toEqual([{ sku: 'A' }, { sku: 'C' }, { sku: 'D' }]);
    expect(report.rejections[0]).toMatchObject({
      record: 2,
      line: 3,
      column: 1,
      reasons: [{ path: '(record)', message: expect.stringContaining('opened at line 3, column 1 is never closed') }],
    });
  });

  it('a stray quote in the middle of a field rejects that row, naming line and column, and merges nothing', async () => {
    const { report, rows } = await importCsv('sku,title\nA-1,Lamp\nTV-5,TV 5" stand\nB-2,Mug\nC-3,"Bowl"\n');
    expect(rows).toEqual([
      { sku: 'A-1', title: 'Lamp' },
      { sku: 'B-2', title: 'Mug' },
      { sku: 'C-3', title: 'Bowl' },
    ]);
    expect(report).toMatchObject({ records: 4, imported: 3, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({
      record: 2,
      line: 3,
      column: 10,
      reasons: [{ message: expect.stringContaining('A quote inside an unquoted field at line 3, column 10') }],
    });
    // opt-in: relaxQuotes keeps the quote as a character
    const relaxed = await importCsv('sku,title\nA-1,Lamp\nTV-5,TV 5" stand\nB-2,"5" x 3"\n', { relaxQuotes: true });
    expect(relaxed.rows).toEqual([
      { sku: 'A-1', title: 'Lamp' },
      { sku: 'TV-5', title: 'TV 5" stand' },
      { sku: 'B-2', title: '5 x 3"' },
    ]);
  });

  it('text after a closing quote rejects the row; when the quotes spanned lines, the lines after the first quote are read again', async () => {
    const single = await read('a,"b"c,d\ne,f,g\n');
    expect(single).toEqual([
      { ok: false, line: 1, column: 6, message: expect.stringContaining('Text after the closing quote') },
      { ok: true, fields: ['e', 'f', 'g'], line: 2 },
    ]);
    const spanning = await read('sku,title\n"A-1,Lamp\nTV-5,TV 5" stand\nB-2,Mug\n');
    expect(spanning).toEqual([
      { ok: true, fields: ['sku', 'title'], line: 1 },
      { ok: false, line: 2, column: 1, message: expect.stringContaining('opened at line 2, column 1') },
      { ok: false, line: 3, column: 10, message: expect.stringContaining('A quote inside an unquoted field') },
      { ok: true, fields: ['B-2', 'Mug'], line: 4 },
    ]);
  });

  it('a duplicated header is a file-level error before anything is written', async () => {
    let written = 0;
    const error = await importRecords({
      id: 'dup',
      format: 'csv',
      input: ['sku,qty,sku\nA,1,B\n'],
      schema: Sku,
      write: () => void written++,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFormatError);
    expect(error).toMatchObject({
      reason: 'duplicate_column',
      line: 1,
      field: 3,
      code: 'validation_failed',
      message: expect.stringContaining('Column "sku" appears twice in the header at line 1: columns 1 and 3'),
    });
    expect(written).toBe(0);
    await expect(
      importRecords({
        id: 'dup2',
        format: 'csv',
        input: ['A,1\n'],
        schema: Sku,
        csv: { columns: ['sku', 'sku'] },
        write: () => {},
      }),
    ).rejects.toMatchObject({ reason: 'duplicate_column', field: 2 });
    await expect(
      importRecords({ id: 'bad-header', format: 'csv', input: ['sk"u\nA\n'], schema: Sku, write: () => {} }),
    ).rejects.toMatchObject({ reason: 'malformed_header', line: 1, column: 3 });
  });

  it('invalid UTF-8 is a file-level error naming line and column, also when a character is split across chunks', async () => {
    const encoder = new TextEncoder();
    const latin1 = [encoder.encode('sku,title\nA,Caf'), new Uint8Array([0xe9]), encoder.encode('\nB,ok\n')];
    const error = await importCsv(latin1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFormatError);
    expect(error).toMatchObject({
      reason: 'invalid_utf8',
      line: 2,
      column: 6,
      message: expect.stringContaining('bytes e9 0a 42 2c at line 2, column 6'),
    });
    // é split across chunks is fine; a lone continuation byte after it is not
    const e = encoder.encode('é');
    const split = [
      encoder.encode('sku\nA'),
      e.subarray(0, 1),
      e.subarray(1),
      encoder.encode('\nB'),
      new Uint8Array([0x80]),
      encoder.encode('\n'),
    ];
    await expect(importCsv(split)).rejects.toMatchObject({ reason: 'invalid_utf8', line: 3, column: 2 });
    expect((await importCsv(split.slice(0, 3))).rows).toEqual([{ sku: 'Aé' }]);
    // a character cut off by the end of the input
    await expect(importCsv([encoder.encode('sku\nA'), e.subarray(0, 1)])).rejects.toMatchObject({
      reason: 'invalid_utf8',
      line: 2,
      column: 2,
    });
    // overlong and surrogate encodings are not UTF-8 either; a real U+FFFD is
    await expect(importCsv([encoder.encode('sku\n'), new Uint8Array([0xc0, 0xaf, 0x0a])])).rejects.toMatchObject({
      reason: 'invalid_utf8',
      line: 2,
      column: 1,
    });
    await expect(
      importCsv([encoder.encode('sku\nxy'), new Uint8Array([0xed, 0xa0, 0x80, 0x0a])]),
    ).rejects.toMatchObject({ reason: 'invalid_utf8', line: 2, column: 3 });
    expect((await importCsv([encoder.encode('sku\n\ufffd\n')])).rows).toEqual([{ sku: '\ufffd' }]);
  });

  it('rejects a record longer than maxRecordLength and keeps reading, so memory stays bounded', async () => {
    const long = 'x'.repeat(50);
    const records = await read(['a\n', `"${long}\nb\n`, `${long}${long}\nc\n`], { maxRecordLength: 40 });
    expect(records.map((r) => (r.ok ? r.fields[0] : `rejected@${r.line}`))).toEqual([
      'a',
      'rejected@2',
      'b',
      'rejected@4',
      'c',
    ]);
    expect(records[1]).toMatchObject({ message: expect.stringContaining('longer than 40 characters') });
  });

  it('accepts a JSON Lines string with a byte-order mark, and one of bytes', async () => {
    const rows: unknown[] = [];
    const report = await importRecords({
      id: 'bom',
      format: 'jsonl',
      input: ['\ufeff{"sku":"A"}\n{"sku":"B"}\n'],
      schema: Sku,
      write: (chunk) => void rows.push(...chunk),
    });
    expect(report).toMatchObject({ imported: 2, rejected: 0 });
    const bytes = await importRecords({
      id: 'bom-bytes',
      format: 'jsonl',
      input: [new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode('{"sku":"A"}\n')],
      schema: Sku,
      write: () => {},
    });
    expect(bytes).toMatchObject({ imported: 1, rejected: 0 });
    // a BOM in a CSV string is dropped too, so the first column is "sku", not "\ufeffsku"
    expect((await importCsv('\ufeffsku\nA\n')).rows).toEqual([{ sku: 'A' }]);
  });

  it('names the line of JSON Lines rejections and types the errors of a JSON array', async () => {
    const report = await importRecords({
      id: 'jl',
      format: 'jsonl',
      input: ['{"sku":"A"}\n\n{oops}\n{"sku":""}\n'],
      schema: Sku,
      write: () => {},
    });
    expect(report.rejections).toEqual([
      {
        record: 2,
        line: 3,
        reasons: [{ path: '(record)', message: expect.stringContaining('Line 3: Not valid JSON') }],
      },
      { record: 3, line: 4, reasons: [{ path: 'sku', message: expect.any(String) }] },
    ]);
    const notArray = await importRecords({
      id: 'ja',
      format: 'json',
      input: ['{"sku":"A"}'],
      schema: Sku,
      write: () => {},
    }).catch((e: unknown) => e);
    expect(isMarketbridgeError(notArray)).toBe(true);
    expect(notArray).toMatchObject({ reason: 'not_an_array' });
  });
});

describe('CSV reader properties', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.stringMatching(/^[a-z",\r\n ]{0,8}$/),
    fc.constantFrom('', '"', '""', ',', '\r\n', '\n', 'a"b'),
  );
  const records = fc
    .array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 })
    .map((rows) => rows.map((fields) => (fields.length === 1 && fields[0] === '' ? ['x'] : fields)));

  it("reads back what an RFC 4180 writer wrote, with each record's line, however the text is split (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        records,
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (rows, newline, cuts) => {
          const text = writeCsv(rows, newline);
          const read1 = await read(splitAt(text, cuts));
          expect(read1.map((r) => (r.ok ? r.fields : r))).toEqual(rows);
          // a record starts one line after the previous one's last line break
          let line = 1;
          read1.forEach((record, i) => {
            expect(record.line).toBe(line);
            line += (writeCsv([rows[i]!], '\n').match(/\r\n|\r|\n/g) ?? []).length;
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  const plain = fc.array(fc.array(fc.stringMatching(/^[a-z0-9 ]{1,6}$/), { minLength: 2, maxLength: 3 }), {
    minLength: 2,
    maxLength: 8,
  });

  it('a stray quote rejects exactly its record, naming line and column; every other record is read as written (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        plain,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (rows, r, f, c, cuts) => {
          const row = r % rows.length;
          const column = f % rows[row]!.length;
          const value = rows[row]![column]!;
          const at = 1 + (c % value.length); // never the first character: that would open a quoted field
          const broken = rows.map((fields, i) =>
            i === row ? fields.map((v, k) => (k === column ? `${v.slice(0, at)}"${v.slice(at)}` : v)) : fields,
          );
          const text = `${broken.map((fields) => fields.join(',')).join('\n')}\n`;
          const got = await read(splitAt(text, cuts));
          expect(got).toHaveLength(rows.length);
          got.forEach((record, i) => {
            if (i !== row) {
              expect(record).toEqual({ ok: true, fields: rows[i], line: i + 1 });
              return;
            }
            const expectedColumn = rows[row]!.slice(0, column).reduce((sum, v) => sum + v.length + 1, 0) + at + 1;
            expect(record).toMatchObject({ ok: false, line: row + 1, column: expectedColumn });
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('an unterminated quote rejects exactly its record; every other record is read as written (property)', async () => {
    await fc.assert(
      fc.asyncProperty(plain, fc.nat(), fc.array(fc.nat(), { maxLength: 4 }), async (rows, r, cuts) => {
        const row = r % rows.length;
        const text = `${rows.map((fields, i) => (i === row ? `"${fields.join(',')}` : fields.join(','))).join('\n')}\n`;
        const got = await read(splitAt(text, cuts));
        expect(got).toHaveLength(rows.length);
        got.forEach((record, i) => {
          if (i === row)
            expect(record).toMatchObject({
              ok: false,
              line: row + 1,
              column: 1,
              message: expect.stringContaining('never closed'),
            });
          else expect(record).toEqual({ ok: true, fields: rows[i], line: i + 1 });
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('any text is read without throwing, the same however it is split, and every rejection names a line and column within the text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a",\r\n]{0,40}$/),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        async (text, cuts, relaxQuotes, maxRecordLength) => {
          const options: CsvOptions =
            maxRecordLength === undefined ? { relaxQuotes } : { relaxQuotes, maxRecordLength };
          const whole = await read(text, options);
          expect(await read(splitAt(text, cuts), options)).toEqual(whole);
          const lines = text.split(/\r\n|\r|\n/);
          for (const record of whole) {
            expect(record.line).toBeGreaterThanOrEqual(1);
            expect(record.line).toBeLessThanOrEqual(lines.length);
            if (!record.ok) {
              expect(record.column).toBeGreaterThanOrEqual(1);
              expect(record.column).toBeLessThanOrEqual(lines[record.line - 1]!.length + 1);
              expect(record.message).toMatch(/line \d+, column \d+|longer than/);
            }
          }
          // nothing is lost: every line break outside quotes ends a record, so there are never more records than lines
          expect(whole.length).toBeLessThanOrEqual(lines.length);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});
