import { HttpResponse } from '../../../testing/msw/peer.js';
import type { Clock } from '../../../core/clock.js';
import { marketplaceById } from '../endpoints.js';
import type { ServerLimiter } from './limiter.js';
import { LISTING_DATA_SETS, listingJson } from './listing-json.js';
import { usagePlanOwner, type LwaTokenIssuer } from './lwa-tokens.js';
import type { SimulatedListing, SimulatorState } from './state.js';

const ALL_DATA_SETS: ReadonlySet<string> = new Set(LISTING_DATA_SETS);

/** What every handler file gets from the simulator. */
export interface SimulatorRuntime {
  readonly base: string;
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly currency: string;
  /** The store's FBA fulfillment channel code (`AMAZON_NA`, `AMAZON_EU`, `AMAZON_FE`). */
  readonly afnChannel: string;
  readonly clock: Clock;
  readonly state: SimulatorState;
  readonly tokens: LwaTokenIssuer;
  readonly feedProcessingMs: number;
  readonly reportProcessingMs: number;
  /**
   * Runs the auth check and the usage plan of `operation` (one bucket per selling partner and
   * application, per application for grantless calls); returns an error response or undefined.
   */
  gate(
    operation: string,
    request: Request,
    options?: { restricted?: boolean; grantless?: boolean },
  ): Response | undefined;
  /** A JSON answer with the rate-limit and request-id headers. */
  json(operation: string, body: unknown, status?: number): Response;
  /** An SP-API error answer. */
  error(status: number, code: string, message: string): Response;
  nextId(prefix: string): string;
  /** A listing as a Listings Items `Item` with the data sets in `included` (default: all). */
  listingJson(listing: SimulatedListing, included?: ReadonlySet<string>): Record<string, unknown>;
}

/** The runtime every handler file shares: identity, clock, state, the auth and usage-plan gate, answers. */
export function createRuntime(
  options: {
    base: string;
    marketplaceId: string;
    sellerId?: string;
    currency?: string;
    clock: Clock;
    feedProcessingMs?: number;
    reportProcessingMs?: number;
    sendHeader: boolean;
    plan: (operation: string) => { rate: number };
  },
  state: SimulatorState,
  limiter: ServerLimiter,
  tokens: LwaTokenIssuer,
): SimulatorRuntime {
  const { base, marketplaceId, sendHeader, plan } = options;
  const runtime: SimulatorRuntime = {
    base,
    sellerId: options.sellerId ?? 'A1SIMSELLER',
    marketplaceId,
    currency: options.currency ?? marketplaceById(marketplaceId)?.currency ?? 'USD',
    afnChannel: `AMAZON_${(marketplaceById(marketplaceId)?.region ?? 'na').toUpperCase()}`,
    clock: options.clock,
    state,
    tokens,
    feedProcessingMs: options.feedProcessingMs ?? 120_000,
    reportProcessingMs: options.reportProcessingMs ?? 60_000,
    gate(operation, request, gateOptions = {}) {
      const token = request.headers.get('x-amz-access-token') ?? '';
      if (!token)
        return runtime.error(
          403,
          'Unauthorized',
          'Access to requested resource is denied. The request has no x-amz-access-token.',
        );
      if (tokens.expired(token))
        return runtime.error(
          403,
          'Unauthorized',
          'Access to requested resource is denied. The access token you provided has expired.',
        );
      if (gateOptions.restricted && !token.startsWith('Atz.sprdt|')) {
        return runtime.error(
          403,
          'Unauthorized',
          'Access to requested resource is denied. Use a Restricted Data Token for this operation.',
        );
      }
      const issued = tokens.identify(token);
      if (gateOptions.grantless && issued && issued.grant !== 'client_credentials') {
        return runtime.error(
          403,
          'Unauthorized',
          `Access to requested resource is denied. ${operation} is grantless: use a client-credentials token with its scope.`,
        );
      }
      if (!gateOptions.grantless && issued?.grant === 'client_credentials') {
        return runtime.error(
          403,
          'Unauthorized',
          `Access to requested resource is denied. ${operation} needs the selling partner's authorization (a refresh-token grant).`,
        );
      }
      if (!limiter.take(operation, usagePlanOwner(issued, token)))
        return runtime.error(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
      return undefined;
    },
    json(operation, body, status = 200) {
      const headers: Record<string, string> = { 'x-amzn-RequestId': runtime.nextId('req') };
      if (sendHeader) headers['x-amzn-RateLimit-Limit'] = String(plan(operation).rate);
      return HttpResponse.json(body as Record<string, unknown>, { status, headers });
    },
    error(status, code, message) {
      return HttpResponse.json(
        { errors: [{ code, message, details: '' }] },
        { status, headers: { 'x-amzn-RequestId': runtime.nextId('req') } },
      );
    },
    nextId(prefix) {
      return `${prefix}-${++state.sequence}`;
    },
    listingJson(listing, included = ALL_DATA_SETS) {
      return listingJson(listing, marketplaceId, included);
    },
  };
  return runtime;
}
