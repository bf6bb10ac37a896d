/**
 * A Store shared by several processes in tests: a loopback HTTP server in the test process
 * keeps a MemoryStore, and RemoteStore clients in child processes or worker threads call it.
 * Every operation runs synchronously on the server's MemoryStore, so each is atomic, as it is
 * on Redis or PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStore } from '../../src/stores/memory-store.js';
import type { SetOptions, Store } from '../../src/stores/store.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';

type Op = 'get' | 'set' | 'delete' | 'compareAndSet' | 'increment' | 'list';

export interface StoreServer {
  url: string;
  store: MemoryStore;
  close(): Promise<void>;
}

/** Starts a store server on 127.0.0.1 with a random port. */
export async function startStoreServer(store = new MemoryStore()): Promise<StoreServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { op, args } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { op: Op; args: unknown[] };
      let body: unknown;
      try {
        const fn = (store[op] as (...a: unknown[]) => unknown).bind(store);
        body = { ok: true, value: fn(...args.map((a) => (a === null && op !== 'set' ? undefined : a))) };
      } catch (error) {
        body = {
          ok: false,
          validation: isMarketbridgeError(error, 'validation_failed'),
          message: (error as Error).message,
        };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body, (_k, v: unknown) => (v === undefined ? null : v)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Store client of a store server; usable from any process. */
export class RemoteStore implements Store {
  constructor(private readonly url: string) {}

  async #call<T>(op: Op, ...args: unknown[]): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      body: JSON.stringify({ op, args }, (_k, v: unknown) => (v === undefined ? null : v)),
    });
    const body = (await response.json()) as { ok: boolean; value?: T; validation?: boolean; message?: string };
    if (!body.ok) {
      if (body.validation)
        throw new ValidationError('remote store call', [{ path: [op], message: body.message ?? '' }]);
      throw new Error(body.message);
    }
    return (body.value ?? undefined) as T;
  }

  get<T = unknown>(key: string) {
    return this.#call<T | undefined>('get', key);
  }
  set(key: string, value: unknown, options?: SetOptions) {
    return this.#call<void>('set', key, value, options);
  }
  delete(key: string) {
    return this.#call<boolean>('delete', key);
  }
  compareAndSet(key: string, expected: unknown, next: unknown, options?: SetOptions) {
    return this.#call<boolean>('compareAndSet', key, expected, next, options);
  }
  increment(key: string, by?: number, options?: SetOptions) {
    return this.#call<number>('increment', key, by, options);
  }
  list(prefix: string, options?: { limit?: number }) {
    return this.#call<string[]>('list', prefix, options);
  }
}
