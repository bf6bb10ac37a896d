import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/stores/memory-store.js';
import {
  AsyncJob,
  decodeDocument,
  parseDelimited,
  parseJsonArray,
  parseJsonLines,
  type AsyncJobDefinition,
  type AsyncJobState,
} from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

const encoder = new TextEncoder();

function chunked(text: string | Uint8Array, size: number): ReadableStream<Uint8Array> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A job that is pending for `pendingPolls` polls, then done with `document`. */
function reportJob(document: Uint8Array, pendingPolls: number, calls: string[]): AsyncJobDefinition {
  return {
    kind: 'report',
    create: async () => {
      calls.push('create');
      return { jobId: 'r-1' };
    },
    poll: async (state) => {
      calls.push(`poll:${state.polls}`);
      return state.polls < pendingPolls
        ? { status: 'pending' }
        : { status: 'done', document: { url: 'https://docs.test/r-1', format: 'tsv', compression: 'GZIP' } };
    },
    download: async () => {
      calls.push('download');
      return chunked(document, 7);
    },
  };
}

describe('async jobs', () => {
  const tsv = 'sku\tqty\nA-1\t5\nB-2\t0\n';

  it('creates, polls with backoff, downloads and parses; the state resumes in a fresh instance', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const calls: string[] = [];
    const definition = reportJob(gzipSync(tsv), 3, calls);
    const states: AsyncJobState[] = [];
    const first = new AsyncJob(definition, {
      clock,
      store,
      storeKey: 'job:1',
      pollMs: 1000,
      onState: (s) => states.push(s),
    });
    const controller = new AbortController();
    // Stop the first instance after its second poll, as a crash would.
    const running = first.run(controller.signal).catch((e: unknown) => e);
    while (calls.filter((c) => c.startsWith('poll')).length < 2) await clock.advance(500);
    controller.abort(new Error('process stopped'));
    expect(await running).toBeInstanceOf(Error);
    const saved = JSON.parse(JSON.stringify(await store.get<AsyncJobState>('job:1'))) as AsyncJobState;
    expect(saved.phase).toBe('polling');
    expect(saved.polls).toBe(2);

    const second = await AsyncJob.load(definition, { clock, store, storeKey: 'job:1', pollMs: 1000 });
    const rows = await clock.drive(() => collect(second.rows()));
    expect(rows).toEqual([
      { sku: 'A-1', qty: '5' },
      { sku: 'B-2', qty: '0' },
    ]);
    expect(calls.filter((c) => c === 'create')).toHaveLength(1);
    expect(calls).toEqual(['create', 'poll:0', 'poll:1', 'poll:2', 'poll:3', 'download']);
    // Poll intervals doubled: 1 s, 2 s, 4 s after creation.
    const times = states.filter((s) => s.phase === 'polling').map((s) => s.nextPollAt! - s.createdAt);
    expect(times).toEqual([1000, 3000]);
  });

  it('a document labelled gzip that is plain parses too', async () => {
    const clock = new FakeClock();
    const job = new AsyncJob(reportJob(encoder.encode(tsv), 0, []), { clock });
    const rows = await clock.drive(() => collect(job.rows()));
    expect(rows).toHaveLength(2);
  });

  it('fails at the deadline with a TimeoutError, and with the platform reason when the job fails', async () => {
    const clock = new FakeClock();
    const job = new AsyncJob(reportJob(encoder.encode(tsv), 1_000, []), { clock, pollMs: 1000, deadlineMs: 10_000 });
    await expect(clock.drive(() => job.run())).rejects.toMatchObject({ code: 'timeout' });
    const failing: AsyncJobDefinition = {
      kind: 'feed',
      create: async () => ({ jobId: 'f' }),
      poll: async () => ({ status: 'failed', reason: 'FATAL' }),
      download: async () => new Uint8Array(),
    };
    await expect(new AsyncJob(failing, { clock }).run()).rejects.toThrow(/FATAL/);
  });

  it('honours the charset', async () => {
    const latin1 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // "name\ncafé\n"
    const rows = await collect(parseDelimited(await decodeDocument(latin1, { charset: 'Cp1252' })));
    expect(rows).toEqual([{ name: 'café' }]);
    const response = new Response(latin1, { headers: { 'content-type': 'text/csv; charset=ISO-8859-1' } });
    expect(await collect(parseDelimited(await decodeDocument(response)))).toEqual([{ name: 'café' }]);
    await expect(decodeDocument(latin1, { charset: 'klingon' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('parses CSV quoting across chunk boundaries, JSON Lines and JSON arrays under a path', async () => {
    const csv = '\uFEFFid,note\r\n1,"a, ""quoted""\nline"\r\n2,plain\r\n';
    for (const size of [1, 2, 3, 5, 100]) {
      const rows = await collect(parseDelimited(await decodeDocument(chunked(csv, size))));
      expect(rows).toEqual([
        { id: '1', note: 'a, "quoted"\nline' },
        { id: '2', note: 'plain' },
      ]);
    }
    const jsonl = '{"id":1}\n\n{"id":2,"s":"x\\ny"}\r\n{"id":3}';
    expect(await collect(parseJsonLines(await decodeDocument(chunked(jsonl, 4))))).toEqual([
      { id: 1 },
      { id: 2, s: 'x\ny' },
      { id: 3 },
    ]);
    const json = '{"meta":{"items":[0]},"items":[{"a":[1,{"b":"]"}]}, 2, "s,t", null]}';
    for (const size of [1, 3, 1000]) {
      expect(await collect(parseJsonArray(await decodeDocument(chunked(json, size)), { path: ['items'] }))).toEqual([
        { a: [1, { b: ']' }] },
        2,
        's,t',
        null,
      ]);
    }
    expect(await collect(parseJsonArray(await decodeDocument(chunked('[1, [2], {"k": 3}]', 2))))).toEqual([
      1,
      [2],
      { k: 3 },
    ]);
  });

  it('streams a 1,000,000-row gzip document in bounded memory', async () => {
    const rowsTotal = 1_000_000;
    let produced = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= rowsTotal) return controller.close();
        let text = '';
        for (let i = 0; i < 5000 && produced < rowsTotal; i++, produced++)
          text += `{"sku":"SKU-${produced}","qty":${produced % 97}}\n`;
        controller.enqueue(encoder.encode(text));
      },
    }).pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let qty = 0;
    for await (const row of parseJsonLines<{ sku: string; qty: number }>(await decodeDocument(source))) {
      count++;
      qty += row.qty;
      if (count % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBe(rowsTotal);
    expect(qty).toBeGreaterThan(0);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});

describe('readText', () => {
  it('joins a gzip document split into tiny chunks back into its exact text', async () => {
    const original = 'é,ü\n'.repeat(500);
    const zipped = gzipSync(Buffer.from(original, 'utf8'));
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < zipped.length; i += 7) controller.enqueue(new Uint8Array(zipped.subarray(i, i + 7)));
        controller.close();
      },
    });
    const { decodeDocument, readText } = await import('../../src/http/index.js');
    expect(await readText(await decodeDocument(chunks))).toBe(original);
  });
});
