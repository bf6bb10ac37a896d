import type { Context } from '../../core/context.js';
import { createContext, type ResolvedContext } from '../../core/context.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { createHttpClient, type HttpClient } from '../../http/client.js';
import { CreatorsConfigSchema, type CreatorsConfig, type CreatorsConfigInput } from './config.js';
import { fromCreatorsItem, type CatalogRecord, type CreatorsItem } from './mapper.js';
import { createCreatorsAuth } from './token.js';

/**
 * The most item ids one `getItems` call takes (`itemIds`: 1 to 10 in the Creators API SDK's
 * `GetItemsRequestContent`).
 *
 * @example
 * ```ts
 * for (let i = 0; i < asins.length; i += CREATORS_MAX_ITEM_IDS) {}
 * ```
 *
 * @category Marketplace
 */
export const CREATORS_MAX_ITEM_IDS = 10;

/**
 * The most items one `searchItems` page holds (`itemCount`: 1 to 100).
 *
 * @example
 * ```ts
 * await creators.searchItems('teapot', { itemCount: CREATORS_SEARCH_MAX_ITEM_COUNT });
 * ```
 *
 * @category Marketplace
 */
export const CREATORS_SEARCH_MAX_ITEM_COUNT = 100;

/**
 * The last search results page that can be asked for (`itemPage`: 1 to 10).
 *
 * @example
 * ```ts
 * for (let page = 1; page <= CREATORS_SEARCH_MAX_ITEM_PAGE; page++) await creators.searchItems('teapot', { itemPage: page });
 * ```
 *
 * @category Marketplace
 */
export const CREATORS_SEARCH_MAX_ITEM_PAGE = 10;

/**
 * The resources requested by default: title, brand, images and the `offersV2` price and availability.
 *
 * @example
 * ```ts
 * await creators.getItems(['B07N4M94X4'], { resources: [...CREATORS_DEFAULT_RESOURCES, 'itemInfo.features'] });
 * ```
 *
 * @category Marketplace
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
 * Options of {@link CreatorsApiClient.getItems}, named as the Creators API names them.
 *
 * @example
 * ```ts
 * const options: CreatorsGetItemsOptions = { condition: 'New', currencyOfPreference: 'EUR', languagesOfPreference: ['de_DE'] };
 * ```
 *
 * @category Marketplace
 */
export interface CreatorsGetItemsOptions {
  resources?: readonly string[];
  /** Offers to consider: `Any` (default) or `New`. */
  condition?: 'Any' | 'New';
  /** ISO 4217 currency to price in (default: the store's). */
  currencyOfPreference?: string;
  /** One locale, e.g. `de_DE` (default: the store's language). */
  languagesOfPreference?: readonly string[];
  signal?: AbortSignal;
}

/**
 * Options of {@link CreatorsApiClient.searchItems}.
 *
 * @example
 * ```ts
 * const options: CreatorsSearchItemsOptions = { itemCount: 50, itemPage: 2, searchIndex: 'Kitchen' };
 * ```
 *
 * @category Marketplace
 */
export interface CreatorsSearchItemsOptions {
  /** Items per page, 1 to 100 (default 10). */
  itemCount?: number;
  /** The page, 1 to 10 (default 1). */
  itemPage?: number;
  /** The product category to search, e.g. `Kitchen` (values differ by store). */
  searchIndex?: string;
  resources?: readonly string[];
  signal?: AbortSignal;
}

/**
 * The Amazon Creators API (successor of PA-API 5) for product data: `getItems` and
 * `searchItems` with `offersV2`, OAuth 2.0 client credentials, the `x-marketplace` header for
 * routing, and a token bucket at your account's request rate on the request pipeline.
 *
 * The host, paths, header, request fields and limits (10 item ids a call, `itemCount` 1–100,
 * `itemPage` 1–10) and the answers (`itemsResult.items`, `searchResult.items`, partial
 * `errors[]`) follow Amazon's Creators API SDK (2025). Not settled by it: the request rate of
 * an account (see `requestsPerSecond`).
 *
 * @example
 * ```ts
 * const creators = new CreatorsApiClient({ credentialId, credentialSecret, credentialVersion: '3.1', partnerTag: 'mytag-20', marketplace: 'www.amazon.com' });
 * const records = await creators.getItems(['B07N4M94X4']);
 * ```
 *
 * @category Marketplace
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
    if (!parsed.success)
      throw ValidationError.fromZod('config for the Amazon Creators API', parsed.error, {
        platform: 'amazon-creators',
      });
    this.config = parsed.data;
    const resolved: ResolvedContext = createContext(context);
    this.#http = createHttpClient({
      platform: 'amazon-creators',
      baseUrl: this.config.endpoint,
      context: resolved,
      auth: createCreatorsAuth(this.config, { fetch: resolved.fetch, clock: resolved.clock }),
      limits: {
        default: { kind: 'token-bucket', ratePerSecond: this.config.requestsPerSecond, burst: 1 },
        keyPrefix: 'rl:amazon-creators',
      },
      retry: { limit: 3 },
      timeoutMs: this.config.timeoutMs,
      headers: { 'x-marketplace': this.config.marketplace, accept: 'application/json' },
    });
  }

  /**
   * Items by ASIN, in calls of at most 10; ids Amazon does not know (reported in the answer's
   * partial `errors`) are missing from the map. Only the fields of the SDK's
   * `GetItemsRequestContent` are sent.
   *
   * @example
   * ```ts
   * const records = await creators.getItems(asins, { condition: 'New' });
   * ```
   */
  async getItems(ids: readonly string[], options: CreatorsGetItemsOptions = {}): Promise<Map<string, CatalogRecord>> {
    const out = new Map<string, CatalogRecord>();
    for (let start = 0; start < ids.length; start += CREATORS_MAX_ITEM_IDS) {
      const chunk = ids.slice(start, start + CREATORS_MAX_ITEM_IDS);
      const { data } = await this.#http.request<{ itemsResult?: { items?: CreatorsItem[] } }>({
        operation: 'getItems',
        method: 'POST',
        path: '/catalog/v1/getItems',
        json: {
          partnerTag: this.config.partnerTag,
          itemIds: chunk,
          resources: [...(options.resources ?? CREATORS_DEFAULT_RESOURCES)],
          ...(options.condition ? { condition: options.condition } : {}),
          ...(options.currencyOfPreference ? { currencyOfPreference: options.currencyOfPreference } : {}),
          ...(options.languagesOfPreference ? { languagesOfPreference: [...options.languagesOfPreference] } : {}),
        },
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

  /**
   * One page of search results. `itemCount` (1–100) and `itemPage` (1–10) outside their
   * ranges are refused before anything is sent.
   *
   * @example
   * ```ts
   * const page = await creators.searchItems('teapot', { itemCount: 50, itemPage: 2 });
   * ```
   */
  async searchItems(keywords: string, options: CreatorsSearchItemsOptions = {}): Promise<CatalogRecord[]> {
    const issues: ValidationIssue[] = [];
    const inRange = (value: number | undefined, max: number) =>
      value === undefined || (Number.isInteger(value) && value >= 1 && value <= max);
    if (!keywords.trim()) issues.push({ path: ['keywords'], message: 'Give the words to search for.' });
    if (!inRange(options.itemCount, CREATORS_SEARCH_MAX_ITEM_COUNT))
      issues.push({
        path: ['itemCount'],
        message: `Expected a whole number from 1 to ${CREATORS_SEARCH_MAX_ITEM_COUNT}, got ${options.itemCount}.`,
      });
    if (!inRange(options.itemPage, CREATORS_SEARCH_MAX_ITEM_PAGE))
      issues.push({
        path: ['itemPage'],
        message: `Expected a whole number from 1 to ${CREATORS_SEARCH_MAX_ITEM_PAGE}, got ${options.itemPage}: Amazon serves the first ${CREATORS_SEARCH_MAX_ITEM_PAGE} pages only.`,
      });
    if (issues.length > 0)
      throw new ValidationError('searchItems options', issues, {
        platform: 'amazon-creators',
        operation: 'searchItems',
      });
    const { data } = await this.#http.request<{ searchResult?: { items?: CreatorsItem[] } }>({
      operation: 'searchItems',
      method: 'POST',
      path: '/catalog/v1/searchItems',
      json: {
        partnerTag: this.config.partnerTag,
        keywords,
        itemCount: options.itemCount ?? 10,
        ...(options.itemPage ? { itemPage: options.itemPage } : {}),
        ...(options.searchIndex ? { searchIndex: options.searchIndex } : {}),
        resources: [...(options.resources ?? CREATORS_DEFAULT_RESOURCES)],
      },
      idempotent: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return (data?.searchResult?.items ?? []).flatMap((item) => {
      const record = fromCreatorsItem(item);
      return record.isOk() ? [record.value] : [];
    });
  }
}
