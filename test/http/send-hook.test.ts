import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { createHttpClient } from '../../src/http/index.js';

describe('HttpClient sends through one fetch per attempt', () => {
  it('calls fetch once with the Request ky built, the attempt signal and the body, and reads the answer', async () => {
    const calls: { request: Request; init: RequestInit | undefined; body: string }[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = input as Request;
      calls.push({ request, init, body: await request.clone().text() });
      return new Response('{"id":7}', { status: 201, headers: { 'content-type': 'application/json' } });
    };
    const client = createHttpClient({
      platform: 'test',
      baseUrl: 'https://api.example.test',
      context: createContext({ fetch }),
    });
    const response = await client.request({ operation: 'createItem', method: 'POST', path: '/items', json: { a: 1 } });
    expect(response).toMatchObject({ status: 201, data: { id: 7 }, attempts: 1 });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.request).toBeInstanceOf(Request);
    expect(call!.request.url).toBe('https://api.example.test/items');
    expect(call!.request.headers.get('content-type')).toBe('application/json');
    expect(call!.body).toBe('{"a":1}');
    expect(call!.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('takes an answer that is not a Response of this realm without sending the request again', async () => {
    let calls = 0;
    const foreign = () => {
      const real = new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      // What another fetch implementation returns: Response-shaped, but not this realm's Response.
      return {
        status: real.status,
        statusText: real.statusText,
        headers: real.headers,
        body: real.body,
        ok: real.ok,
      } as unknown as Response;
    };
    const fetch: typeof globalThis.fetch = async () => {
      calls++;
      return foreign();
    };
    const client = createHttpClient({
      platform: 'test',
      baseUrl: 'https://api.example.test',
      context: createContext({ fetch }),
    });
    const response = await client.request({ operation: 'getItem', method: 'GET', path: '/items/1' });
    expect(response.data).toEqual({ ok: true });
    expect(calls).toBe(1);
  });
});
