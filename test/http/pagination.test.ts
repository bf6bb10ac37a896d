import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import {
  createHttpClient,
  paginate,
  paginateCursor,
  paginateLinks,
  paginateNextToken,
  paginatePages,
  parseLinkHeader,
} from '../../src/http/index.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function collect<T>(iterable: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

describe('pagination', () => {
  it('is lazy: breaking early fetches no further page', async () => {
    const fetched: (string | undefined)[] = [];
    const items = paginateCursor(async (cursor) => {
      fetched.push(cursor);
      const n = cursor ? Number(cursor) : 0;
      return { items: [n, n + 1], next: String(n + 2) };
    });
    expect(await collect(items, 3)).toEqual([0, 1, 2]);
    expect(fetched).toEqual([undefined, '2']);
  });

  it('next-token and page-number styles end where the platform says', async () => {
    const tokens = paginateNextToken(async (token) =>
      token ? { items: ['b'], next: undefined } : { items: ['a'], next: 'T1' },
    );
    expect(await collect(tokens)).toEqual(['a', 'b']);
    const pages = paginatePages(async (page) => (page <= 3 ? [page * 10, page * 10 + 1] : []));
    expect(await collect(pages)).toEqual([10, 11, 20, 21, 30, 31]);
    const short = paginatePages(async (page) => ({ items: page === 1 ? [1, 2] : [3] }), { pageSize: 2 });
    expect(await collect(short)).toEqual([1, 2, 3]);
    const total = paginatePages(async (page) => ({ items: [page], totalPages: 2 }));
    expect(await collect(total)).toEqual([1, 2]);
  });

  it('stops with a ValidationError when a cursor repeats, and honours maxPages and abort', async () => {
    const looping = paginate({ fetchPage: async () => ({ items: [1], next: 'same' }) });
    await expect(collect(looping)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(
      await collect(
        paginate({ fetchPage: async (c?: number) => ({ items: [c ?? 0], next: (c ?? 0) + 1 }), maxPages: 3 }),
      ),
    ).toEqual([0, 1, 2]);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      collect(paginate({ fetchPage: async () => ({ items: [1] }), signal: controller.signal })),
    ).rejects.toThrow('stop');
  });

  it('follows Link headers through the client, including partial pages', async () => {
    const base = 'https://shop.test/admin/api/2026-01';
    server.use(
      http.get(`${base}/products.json`, ({ request }) => {
        const page = new URL(request.url).searchParams.get('page_info');
        if (!page)
          return HttpResponse.json(
            { products: [1, 2] },
            { headers: { link: `<${base}/products.json?page_info=p2>; rel="next"` } },
          );
        if (page === 'p2')
          return HttpResponse.json(
            { products: [3] },
            {
              headers: {
                link: `<${base}/products.json?page_info=p1>; rel="previous", <${base}/products.json?page_info=p3>; rel="next"`,
              },
            },
          );
        return HttpResponse.json(
          { products: [4, 5] },
          { headers: { link: `<${base}/products.json?page_info=p2>; rel="previous"` } },
        );
      }),
    );
    const client = createHttpClient({ platform: 'shopify', baseUrl: base, context: createContext(), timeoutMs: 0 });
    const products = paginateLinks(async (url) => {
      const response = await client.request<{ products: number[] }>({
        operation: 'products',
        method: 'GET',
        path: url ?? '/products.json',
      });
      return { items: response.data.products, headers: response.headers };
    });
    expect(await collect(products)).toEqual([1, 2, 3, 4, 5]);
    expect(parseLinkHeader('<a>; rel="next prev", junk, <b>; rel=last')).toEqual({ next: 'a', prev: 'a', last: 'b' });
    expect(parseLinkHeader(null)).toEqual({});
  });
});

describe('pagination against a simulator with partial pages', () => {
  it('keeps going after a short page and yields every item once', async () => {
    const { FakeClock } = await import('../../src/testing/fake-clock.js');
    const { createPipelineSimulator, driveSimulation } = await import('../../src/testing/pipeline/index.js');
    const clock = new FakeClock();
    const all = Array.from({ length: 23 }, (_, i) => i);
    const sim = createPipelineSimulator({
      clock,
      faults: [{ kind: 'partial-page', at: [1] }],
      respond: ({ url, fault }) => {
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const size = fault === 'partial-page' ? 2 : 5;
        const items = all.slice(start, start + size);
        return { items, next: start + size < all.length ? String(start + size) : null };
      },
    });
    const client = createHttpClient({
      platform: 'sim',
      baseUrl: 'https://sim.test',
      context: createContext({ clock, fetch: sim.fetch }),
    });
    const items = paginateCursor(async (cursor) => {
      const { data } = await client.request<{ items: number[]; next: string | null }>({
        operation: 'list',
        method: 'GET',
        path: '/items',
        query: { cursor },
      });
      return { items: data.items, next: data.next };
    });
    const seen = await driveSimulation(clock, () => collect(items), { busy: sim.busy });
    expect(seen).toEqual(all);
    expect(sim.log.map((e) => e.outcome)).toContain('partial-page');
  });
});
