import type { Redis, RedisOptions } from 'ioredis';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { PullOptions, StreamMessage, StreamSource } from '../source.js';
import { guarded } from '../source-failure.js';
import { ioredis } from './peer.js';

/**
 * Options of {@link RedisStreamSource}.
 *
 * @example
 * ```ts
 * const options: RedisStreamSourceOptions = { url: 'redis://127.0.0.1:6379', stream: 'webhooks', group: 'marketbridge', consumer: 'worker-1' };
 * ```
 *
 * @category Streams
 */
export interface RedisStreamSourceOptions {
  /** An ioredis client you own (the source duplicates it for its blocking reads). */
  client?: Redis;
  /** A `redis://` URL for a client the source owns. */
  url?: string;
  /** ioredis options for the client created from `url`. */
  redisOptions?: RedisOptions;
  /** The stream key. */
  stream: string;
  /** The consumer group (created at the start of the stream if missing). */
  group: string;
  /** This consumer's name in the group: unique per process. */
  consumer: string;
  /**
   * Entries another consumer took but did not acknowledge for this long are claimed by this
   * one (`XAUTOCLAIM`): the consumer that took them died (default 60,000 ms).
   */
  claimIdleMs?: number;
}

/**
 * Fields of a stream entry: `body` (the raw webhook body), optional `headers` (a JSON object)
 * and `platform`. {@link appendToRedisStream} writes them.
 */
type Fields = Record<string, string>;

const fieldsOf = (flat: string[]): Fields => {
  const fields: Fields = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
};

const toMessage = (id: string, fields: Fields): StreamMessage => {
  let headers: Record<string, string> = {};
  try {
    const parsed = fields.headers ? (JSON.parse(fields.headers) as unknown) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) headers = parsed as Record<string, string>;
  } catch {
    // Unreadable headers leave the message to be rejected by its verifier, not to stop the stream.
  }
  return {
    id,
    ...(fields.platform ? { platform: fields.platform } : {}),
    request: { headers, body: fields.body ?? '' },
  };
};

/**
 * A {@link StreamSource} on a Redis stream with a consumer group: `XREADGROUP` delivers each
 * entry to one consumer of the group, `XACK` acknowledges it after the processor committed it,
 * and entries a crashed consumer left pending are claimed with `XAUTOCLAIM` after
 * `claimIdleMs`. Lag is the group's undelivered entries plus its pending ones. Needs Redis 7.
 *
 * @example
 * ```ts
 * import { createStreamConsumer, RedisStreamSource } from 'marketbridge/streams/redis';
 *
 * const source = new RedisStreamSource({ url: process.env.REDIS_URL, stream: 'shopify-webhooks', group: 'marketbridge', consumer: `worker-${process.pid}` });
 * createStreamConsumer({ source, processor }).start();
 * ```
 *
 * @category Streams
 */
export class RedisStreamSource implements StreamSource {
  /** `redis:<stream>/<group>`. */
  readonly name: string;
  readonly #client: Redis;
  readonly #reader: Redis;
  readonly #owned: boolean;
  readonly #options: RedisStreamSourceOptions;
  #group: Promise<void> | undefined;
  #claimCursor = '0-0';

  /** @param options - the client or URL, stream, group and consumer */
  constructor(options: RedisStreamSourceOptions) {
    const issues = [];
    if (!options || (options.client === undefined) === (options.url === undefined))
      issues.push({
        path: ['client'],
        message: 'Pass exactly one of `client` (an ioredis client) or `url` (redis://host:port).',
      });
    for (const key of ['stream', 'group', 'consumer'] as const) {
      if (typeof options?.[key] !== 'string' || options[key] === '')
        issues.push({ path: [key], message: 'Expected a non-empty string.' });
    }
    if (options?.claimIdleMs !== undefined && !(options.claimIdleMs > 0))
      issues.push({ path: ['claimIdleMs'], message: 'Expected a positive number of milliseconds.' });
    if (issues.length) throw new ValidationError('Redis stream source options', issues);
    this.#options = options;
    this.#owned = options.client === undefined;
    this.#client = options.client ?? new ioredis.Redis(options.url!, options.redisOptions ?? {});
    // XREADGROUP BLOCK holds its connection: reads get their own.
    this.#reader = this.#client.duplicate();
    this.name = `redis:${options.stream}/${options.group}`;
  }

  #ensureGroup(): Promise<void> {
    this.#group ??= this.#client
      .xgroup('CREATE', this.#options.stream, this.#options.group, '0', 'MKSTREAM')
      .then(() => undefined)
      .catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) {
          this.#group = undefined;
          throw error;
        }
      });
    return this.#group;
  }

  /** Claims entries left pending by a dead consumer first, then reads new ones (blocking up to `waitMs`). */
  pull(options: PullOptions): Promise<StreamMessage[]> {
    return guarded(this.name, 'read', () => this.#pull(options));
  }

  async #pull(options: PullOptions): Promise<StreamMessage[]> {
    await this.#ensureGroup();
    const { stream, group, consumer } = this.#options;
    const claimed = (await this.#client.xautoclaim(
      stream,
      group,
      consumer,
      this.#options.claimIdleMs ?? 60_000,
      this.#claimCursor,
      'COUNT',
      options.max,
    )) as [string, [string, string[]][], string[]?];
    this.#claimCursor = claimed[0];
    const messages = claimed[1].filter((entry) => entry?.[1]).map(([id, flat]) => toMessage(id, fieldsOf(flat)));
    if (messages.length > 0) return messages;
    if (options.signal?.aborted) return [];
    const block = Math.max(1, Math.round(options.waitMs));
    const read = (await this.#reader.xreadgroup(
      'GROUP',
      group,
      consumer,
      'COUNT',
      options.max,
      'BLOCK',
      block,
      'STREAMS',
      stream,
      '>',
    )) as [string, [string, string[]][]][] | null;
    return (read?.[0]?.[1] ?? []).map(([id, flat]) => toMessage(id, fieldsOf(flat)));
  }

  /** `XACK`s the entries. */
  async ack(ids: readonly string[]): Promise<void> {
    if (ids.length > 0)
      await guarded(this.name, 'acknowledge', () =>
        this.#client.xack(this.#options.stream, this.#options.group, ...ids),
      );
  }

  /** Entries not yet delivered to the group plus entries delivered but not acknowledged. */
  lag(): Promise<number | undefined> {
    return guarded(this.name, 'read its lag', () => this.#lag());
  }

  async #lag(): Promise<number | undefined> {
    await this.#ensureGroup();
    const groups = (await this.#client.xinfo('GROUPS', this.#options.stream)) as unknown[][];
    for (const flat of groups) {
      const info = fieldsOf(flat.map(String));
      if (info.name !== this.#options.group) continue;
      const lag = info.lag === '' || info.lag === undefined ? undefined : Number(info.lag);
      return lag === undefined || Number.isNaN(lag) ? undefined : lag + Number(info.pending ?? 0);
    }
    return undefined;
  }

  /** Closes the reading connection, and the client when the source created it. */
  async close(): Promise<void> {
    this.#reader.disconnect();
    if (this.#owned) await this.#client.quit().catch(() => this.#client.disconnect());
  }
}

/**
 * Appends a webhook to a Redis stream in the fields {@link RedisStreamSource} reads: what a
 * webhook endpoint that only enqueues (and answers the platform at once) would do.
 *
 * @example
 * ```ts
 * await appendToRedisStream(redis, 'shopify-webhooks', { platform: 'shopify', headers: Object.fromEntries(request.headers), body: rawBody });
 * ```
 *
 * @category Streams
 */
export async function appendToRedisStream(
  client: Redis,
  stream: string,
  message: { platform?: string; headers?: Record<string, string>; body: string },
  options: { maxLength?: number } = {},
): Promise<string> {
  const fields = [
    'body',
    message.body,
    'headers',
    JSON.stringify(message.headers ?? {}),
    ...(message.platform ? ['platform', message.platform] : []),
  ];
  const id =
    options.maxLength === undefined
      ? await client.xadd(stream, '*', ...fields)
      : await client.xadd(stream, 'MAXLEN', '~', String(options.maxLength), '*', ...fields);
  return id as string;
}
