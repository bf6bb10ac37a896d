/**
 * Replacement by key, kept beside the queue in Redis: a hash from each job key to the id of
 * the latest job scheduled with it. A job whose id is no longer the latest was replaced and is
 * skipped when delivered, whatever state it was in when the replacement came.
 */

/** Sets the field and returns its previous value, atomically. */
export const SWAP = `local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return previous`;

/** Sets the field to ARGV[3] (or deletes it when ARGV[3] is empty) only while it holds ARGV[2]. */
export const COMPARE_AND_SET = `if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
return 1`;

/** What the helpers need of BullMQ's Redis client. */
export interface ScriptClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  runCommand(name: string, args: unknown[]): Promise<unknown>;
  hget(key: string, field: string): Promise<string | null>;
}

const defined = new WeakSet<object>();

/**
 * Runs one of this file's scripts on BullMQ's client, defining both on first use.
 *
 * @example
 * ```ts
 * const previous = await runKeyScript(client, 'swap', [hash, key, id]);
 * ```
 */
export async function runKeyScript(
  client: ScriptClient,
  script: 'swap' | 'compareAndSet',
  args: string[],
): Promise<unknown> {
  if (!defined.has(client)) {
    client.defineCommand('marketbridgeKeySwap', { numberOfKeys: 1, lua: SWAP });
    client.defineCommand('marketbridgeKeyCompareAndSet', { numberOfKeys: 1, lua: COMPARE_AND_SET });
    defined.add(client);
  }
  return client.runCommand(script === 'swap' ? 'marketbridgeKeySwap' : 'marketbridgeKeyCompareAndSet', args);
}

/**
 * Whether a delivered job is still the latest of its key; a replaced one is skipped.
 *
 * @example
 * ```ts
 * if (!(await isLatest(await queue.client, hash, job.data.key, job.id))) return 'replaced';
 * ```
 */
export async function isLatest(
  client: ScriptClient,
  hash: string,
  key: string | undefined,
  id: string | undefined,
): Promise<boolean> {
  if (key === undefined || id === undefined) return true;
  return (await client.hget(hash, key)) === id;
}

/**
 * The Redis key of a queue's job-key hash.
 *
 * @example
 * ```ts
 * keysHash('bull', 'marketbridge'); // 'bull:marketbridge:marketbridge-keys'
 * ```
 */
export function keysHash(prefix: string, queueName: string): string {
  return `${prefix}:${queueName}:marketbridge-keys`;
}
