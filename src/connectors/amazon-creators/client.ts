import type { Context } from '../../core/context.js';
import { createContext, type ResolvedContext } from '../../core/context.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import { createHttpClient, type HttpClient } from '../../http/client.js';
import { CreatorsConfigSchema, type CreatorsConfig, type CreatorsConfigInput } from './config.js';
import { fromCreatorsItem, type CatalogRecord, type CreatorsItem } from './mapper.js';
import { createCreatorsAuth } from './token.js';

/**
 * The most item ids one `getItems` call takes (as documented for PA-API 5 and reported for the Creators API).
 *
 * @example
 * ```ts
 * for (let i = 0; i < asins.length; i += CREATORS_MAX_ITEM_IDS) {}
 * ```
 */
export const CREATORS_MAX_ITEM_IDS = 10;

/**
 * The resources requested by default: title, brand, images and the `offersV2` price and availability.
 *
 * @example
 * ```ts
 * await creators.getItems(['B07N4M94X4'], { resources: [...CREATORS_DEFAULT_RESOURCES, 'itemInfo.features'] });
 * ```
 */
export const CREATORS_DEFAULT_RESOURCES = [
  'itemInfo.title',
  'itemInfo.byLineInfo',
  'images.primary.large',
  'offersV2.listings.price',
  'offersV2.listings.availability',
  'offersV2.listings.condition',
] as const;

/**
 * The Amazon Creators API (successor of PA-API 5) for product data: `getItems` and
 * `searchItems` with `offersV2`, OAuth 2.0 client credentials, the `x-marketplace` header for
 * routing, and a token bucket at your account's request rate on the request pipeline.
 *
 * Unconfirmed shapes (built from public descriptions, no official machine-readable contract):
 * the paths `/catalog/v1/getItems` and `/catalog/v1/searchItems`, the request fields
 * (`itemIds`, `itemIdType`, `partnerTag`, `partnerType`, `marketplace`, `resources`,
 * `keywords`, `itemCount`, `itemPage`), and the answers `itemsResult.items` /
 * `searchResult.items` with `errors[]`. That is why the endpoint must be given explicitly.
 *
 * @example
 * ```ts
 * const creators = new CreatorsApiClient({ credentialId, credentialSecret, credentialVersion: '3.1', partnerTag: 'mytag-20', marketplace: 'www.amazon.com', endpoint: CREATORS_API_REPORTED_ENDPOINT });
 * const records = await creators.getItems(['B07N4M94X4']);
 * ```
 */
export class CreatorsApiClient {
  /** Validated configuration (holds the secret: never log it). */
  readonly config: CreatorsConfig;
  readonly #http: HttpClient;

  /**
   * @param config - credentials, marketplace and endpoint (validated; every problem reported at once)
   * @param context - dependencies
   */
  constructor(config: CreatorsConfigInput, context: Context = {}) {
    const parsed = CreatorsConfigSchema.safeParse(config);
    if (!parsed.success) throw ValidationError.fromZod('config for the Amazon Creators API', parsed.error, { platform: 'amazon-creators' });
    this.config = parsed.data;
    const resolved: ResolvedContext = createContext(context);
    this.#http = createHttpClient({
      platform: 'amazon-creators',
      baseUrl: this.config.endpoint,
      context: resolved,
      auth: createCreatorsAuth(this.config, { fetch: resolved.fetch, clock: resolved.clock }),
      limits: { default: { kind: 'token-bucket', ratePerSecond: this.config.requestsPerSecond, burst: 1 }, keyPrefix: 'rl:amazon-creators' },
      retry: { limit: 3 },
      timeoutMs: this.config.timeoutMs,
      headers: { 'x-marketplace': this.config.marketplace, accept: 'application/json' },
    });
  }

  /** Items by ASIN, in calls of at most 10; ids Amazon does not know are missing from the map. */
  async getItems(ids: readonly string[], options: { resources?: readonly string[]; signal?: AbortSignal } = {}): Promise<Map<string, CatalogRecord>> {
    const out = new Map<string, CatalogRecord>();
    for (let start = 0; start < ids.length; start += CREATORS_MAX_ITEM_IDS) {
      const chunk = ids.slice(start, start + CREATORS_MAX_ITEM_IDS);
      const { data } = await this.#http.request<{ itemsResult?: { items?: CreatorsItem[] } }>({
        operation: 'getItems',
        method: 'POST',
        path: '/catalog/v1/getItems',
        json: { itemIds: chunk, itemIdType: 'ASIN', ...this.#common(options.resources) },
        idempotent: true,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      for (const item of data?.itemsResult?.items ?? []) {
        const record = fromCreatorsItem(item);
        if (record.isOk()) out.set(record.value.id, record.value);
      }
    }
    return out;
  }

  /** One page of search results (at most 10 items). */
  async searchItems(keywords: string, options: { itemCount?: number; itemPage?: number; searchIndex?: string; resources?: readonly string[]; signal?: AbortSignal } = {}): Promise<CatalogRecord[]> {
    const { data } = await this.#http.request<{ searchResult?: { items?: CreatorsItem[] } }>({
      operation: 'searchItems',
      method: 'POST',
      path: '/catalog/v1/searchItems',
      json: {
        keywords,
        itemCount: Math.min(10, Math.max(1, options.itemCount ?? 10)),
        ...(options.itemPage ? { itemPage: options.itemPage } : {}),
        ...(options.searchIndex ? { searchIndex: options.searchIndex } : {}),
        ...this.#common(options.resources),
      },
      idempotent: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return (data?.searchResult?.items ?? []).flatMap((item) => {
      const record = fromCreatorsItem(item);
      return record.isOk() ? [record.value] : [];
    });
  }

  #common(resources?: readonly string[]) {
    return { partnerTag: this.config.partnerTag, partnerType: 'Associates', marketplace: this.config.marketplace, resources: [...(resources ?? CREATORS_DEFAULT_RESOURCES)] };
  }
}
