import type { ResolvedContext } from '../../core/context.js';
import type { OperationLedger } from '../../http/ledger.js';
import type { BolClient } from './client.js';
import type { ResolvedBolConfig } from './config.js';
import type { BolOfferIndex } from './offers-export/offer-index.js';
import type { SettledStatusCache } from './process-status/settled-cache.js';

/**
 * What the connector's operations share: the client, the validated configuration, the
 * context, the operation ledger, the offer index and the cache of final process statuses.
 */
export interface BolRuntime {
  readonly client: BolClient;
  readonly config: ResolvedBolConfig;
  readonly context: ResolvedContext;
  readonly ledger: OperationLedger;
  readonly offers: BolOfferIndex;
  readonly settled: SettledStatusCache;
  /** Store key prefix of this connection (tenant and client). */
  readonly prefix: string;
}
