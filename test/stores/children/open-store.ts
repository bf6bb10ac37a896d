/** Opens the store and lock a child process works with, from argv: kind and namespace/schema. */
import type { Lock } from '../../../src/stores/lock.js';
import type { Store } from '../../../src/stores/store.js';
import type { AtomicBucketStore } from '../../../src/stores/bucket.js';
import { PostgresLock, PostgresStore } from '../../../src/stores/postgres.js';
import { RedisLock, RedisStore } from '../../../src/stores/redis.js';
import { postgresUrl, redisUrl } from '../servers.js';

export interface Opened {
  store: Store & AtomicBucketStore;
  lock: Lock;
  close(): Promise<void>;
}

export function openStore(kind: string, scope: string): Opened {
  if (kind === 'redis') {
    const store = new RedisStore({ url: redisUrl, namespace: scope });
    return { store, lock: new RedisLock(store), close: () => store.close() };
  }
  const store = new PostgresStore({ connectionString: postgresUrl, schema: scope, poolConfig: { max: 2 } });
  return { store, lock: new PostgresLock(store), close: () => store.close() };
}

export const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** Says it is ready, then resolves the first line the parent writes to stdin. */
export function ready(): Promise<string> {
  say({ event: 'ready' });
  return new Promise((resolve) => {
    let buffer = '';
    process.stdin.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        process.stdin.destroy();
        resolve(buffer.slice(0, newline));
      }
    });
  });
}
