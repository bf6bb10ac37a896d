import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../../../testing/msw/peer.js';
import type { CreatorsItem } from '../mapper.js';
import type { Clock } from '../../../core/clock.js';
import { computeTake, type BucketState } from '../../../stores/bucket.js';
import { CREATORS_CREDENTIAL_VERSIONS, creatorsRequestProblems, expectedCreatorsAuthorization } from './contract.js';

/**
 * Options of {@link AmazonCreatorsSimulator}.
 *
 * @example
 * ```ts
 * const options: CreatorsSimulatorOptions = { clock, requestsPerSecond: 1 };
 * ```
 *
 * @category Simulator
 */
export interface CreatorsSimulatorOptions {
  /** The time the request rate runs on (a FakeClock in tests). */
  clock: Clock;
  /** API base URL to answer on (default `https://creatorsapi.amazon`). */
  endpoint?: string;
  /** Token URL overrides by credential version (default: Amazon's, per version). */
  tokenUrls?: Readonly<Record<string, string>>;
  /** Requests per second per credential; more are answered 429 (default 1). */
  requestsPerSecond?: number;
}

/**
 * A call the simulator answered.
 *
 * @category Simulator
 */
export interface CreatorsSimulatorCall {
  operation: 'getItems' | 'searchItems';
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface IssuedToken {
  version: string;
  credentialId: string;
}

const validation = (message: string, fieldList: { name: string; message: string }[] = []) =>
  HttpResponse.json(
    {
      type: 'ValidationException',
      message,
      reason: 'FieldValidationFailed',
      ...(fieldList.length ? { fieldList } : {}),
    },
    { status: 400 },
  );

/**
 * The Amazon Creators API as msw handlers, holding Amazon's contract as its SDK models it: the
 * token endpoint of each credential version (Cognito form grants with `creatorsapi/default` for
 * 2.x, Login with Amazon JSON grants with `creatorsapi::default` for 3.x), the `Authorization`
 * header each version sends (`, Version X` for 2.x only), the `x-marketplace` header, request
 * bodies with documented fields only (10 item ids, `itemCount` 1–100, `itemPage` 1–10), a
 * request rate per credential (429 `ThrottleException`), and answers with `itemsResult`,
 * `searchResult` and partial `errors` for unknown items.
 *
 * @example
 * ```ts
 * const creators = new AmazonCreatorsSimulator({ clock });
 * creators.addItem({ asin: 'B0TEAPOT01', itemInfo: { title: { displayValue: 'Teapot' } } });
 * setupServer(...creators.handlers).listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @category Simulator
 */
export class AmazonCreatorsSimulator {
  /** The msw handlers to install. */
  readonly handlers: HttpHandler[];
  /** Every API call answered, in order. */
  readonly calls: CreatorsSimulatorCall[] = [];
  readonly #items = new Map<string, Map<string, CreatorsItem>>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #buckets = new Map<string, BucketState>();

  /** @param options - clock, endpoints and request rate */
  constructor(options: CreatorsSimulatorOptions) {
    const endpoint = (options.endpoint ?? 'https://creatorsapi.amazon').replace(/\/+$/, '');
    const rate = options.requestsPerSecond ?? 1;
    const tokenHandlers = Object.entries(CREATORS_CREDENTIAL_VERSIONS).map(([version, spec]) =>
      http.post(options.tokenUrls?.[version] ?? spec.tokenUrl, async ({ request }) => {
        const lwa = spec.encoding === 'json';
        const type = request.headers.get('content-type') ?? '';
        const text = await request.text();
        let fields: Record<string, unknown> = {};
        if (lwa && type.includes('application/json'))
          fields = (JSON.parse(text || '{}') ?? {}) as Record<string, unknown>;
        else if (!lwa && type.includes('application/x-www-form-urlencoded'))
          fields = Object.fromEntries(new URLSearchParams(text));
        else
          return HttpResponse.json(
            {
              error: 'invalid_request',
              error_description: `Version ${version} credentials post ${lwa ? 'JSON' : 'a form'}.`,
            },
            { status: 400 },
          );
        if (
          fields.grant_type !== 'client_credentials' ||
          typeof fields.client_id !== 'string' ||
          typeof fields.client_secret !== 'string'
        )
          return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
        if (fields.scope !== spec.scope)
          return HttpResponse.json(
            {
              error: 'invalid_scope',
              error_description: `The scope of version ${version} credentials is ${spec.scope}.`,
            },
            { status: 400 },
          );
        const token = `creators-${version}-${this.#tokens.size + 1}`;
        this.#tokens.set(token, { version, credentialId: fields.client_id });
        return HttpResponse.json({ access_token: token, token_type: 'bearer', expires_in: 3600 });
      }),
    );
    const api = (operation: 'getItems' | 'searchItems') =>
      http.post(`${endpoint}/catalog/v1/${operation}`, async ({ request }) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, key) => {
          headers[key] = value;
        });
        const body = await request.json().catch(() => undefined);
        const response = this.#answer(operation, headers, body, options.clock.now(), rate);
        this.calls.push({ operation, status: response.status, headers, body });
        return response;
      });
    this.handlers = [...tokenHandlers, api('getItems'), api('searchItems')];
  }

  /** Adds an item to a store (`www.amazon.com` unless given). */
  addItem(item: CreatorsItem, marketplace = 'www.amazon.com'): void {
    let store = this.#items.get(marketplace);
    if (!store) this.#items.set(marketplace, (store = new Map()));
    store.set(item.asin, structuredClone(item));
  }

  #answer(
    operation: 'getItems' | 'searchItems',
    headers: Record<string, string>,
    body: unknown,
    now: number,
    rate: number,
  ): Response {
    const [, token = ''] = /^Bearer ([^\s,]+)/.exec(headers.authorization ?? '') ?? [];
    const issued = this.#tokens.get(token);
    if (!issued)
      return HttpResponse.json(
        { type: 'UnauthorizedException', message: 'The access token is missing or unknown.', reason: 'InvalidToken' },
        { status: 401 },
      );
    if (headers.authorization !== expectedCreatorsAuthorization(token, issued.version)) {
      return HttpResponse.json(
        {
          type: 'UnauthorizedException',
          message: `Version ${issued.version} credentials authorise with "${expectedCreatorsAuthorization('<token>', issued.version)}", not "${headers.authorization?.replace(token, '<token>')}".`,
          reason: 'InvalidToken',
        },
        { status: 401 },
      );
    }
    const marketplace = headers['x-marketplace'];
    if (!marketplace)
      return validation('The x-marketplace header is required.', [
        { name: 'x-marketplace', message: 'Target Amazon locale, e.g. www.amazon.com.' },
      ]);
    const problems = creatorsRequestProblems(operation, body);
    if (problems.length > 0) return validation(`The ${operation} request is invalid.`, problems);
    const { next, result } = computeTake(
      this.#buckets.get(issued.credentialId),
      { key: issued.credentialId, capacity: 1, refillPerSecond: rate, cost: 1 - 1e-9 },
      now,
    );
    this.#buckets.set(issued.credentialId, next);
    if (!result.granted)
      return HttpResponse.json(
        { type: 'ThrottleException', message: 'The request was denied due to request throttling.' },
        { status: 429 },
      );
    const request = body as {
      itemIds?: string[];
      keywords?: string;
      itemCount?: number;
      itemPage?: number;
      resources?: string[];
    };
    const store = this.#items.get(marketplace) ?? new Map<string, CreatorsItem>();
    const shaped = (item: CreatorsItem) => withResources(item, request.resources ?? []);
    if (operation === 'getItems') {
      const found = request.itemIds!.filter((id) => store.has(id));
      const missing = request.itemIds!.filter((id) => !store.has(id));
      return HttpResponse.json({
        ...(found.length ? { itemsResult: { items: found.map((id) => shaped(store.get(id)!)) } } : {}),
        ...(missing.length
          ? {
              errors: missing.map((id) => ({
                code: 'ItemNotFound',
                message: `The item ${id} is not accessible through the Creators API in ${marketplace}.`,
              })),
            }
          : {}),
      });
    }
    const words = (request.keywords ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const matches = [...store.values()].filter((item) =>
      words.every((word) => (item.itemInfo?.title?.displayValue ?? '').toLowerCase().includes(word)),
    );
    const count = request.itemCount ?? 10;
    const start = ((request.itemPage ?? 1) - 1) * count;
    return HttpResponse.json({
      searchResult: { totalResultCount: matches.length, items: matches.slice(start, start + count).map(shaped) },
    });
  }
}

/** An item with only the top-level parts its requested resources cover (`asin` and the detail page always). */
function withResources(item: CreatorsItem, resources: readonly string[]): CreatorsItem {
  const wants = (prefix: string) => resources.some((resource) => resource.startsWith(prefix));
  const shaped: CreatorsItem = {
    asin: item.asin,
    ...(item.detailPageURL ? { detailPageURL: item.detailPageURL } : {}),
  };
  if (item.itemInfo && wants('itemInfo.')) shaped.itemInfo = item.itemInfo;
  if (item.images && wants('images.')) shaped.images = item.images;
  if (item.offersV2 && wants('offersV2.')) shaped.offersV2 = item.offersV2;
  if (item.parentASIN && wants('parentASIN')) shaped.parentASIN = item.parentASIN;
  return shaped;
}
