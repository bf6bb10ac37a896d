import type { ResolvedContext } from '../../core/context.js';
import type { OperationLedger } from '../../http/ledger.js';
import type { EbayClient } from './client.js';
import type { ResolvedEbayConfig } from './config.js';
import type { EbayProductMappingOptions } from './mapper/product.js';
import type { EbayMarketplaceInfo } from './marketplaces.js';
import type { EbayOfferIndex } from './offer-index.js';
import type { EbayRevisionGuard } from './revisions.js';

/**
 * What the connector's operations share: the client, the validated configuration, the context,
 * the marketplace, the offer index, the revision guard and the operation ledger.
 */
export interface EbayRuntime {
  readonly client: EbayClient;
  readonly config: ResolvedEbayConfig;
  readonly context: ResolvedContext;
  readonly marketplace: EbayMarketplaceInfo;
  /** `Content-Language` of listing writes. */
  readonly contentLanguage: string;
  readonly offers: EbayOfferIndex;
  readonly revisions: EbayRevisionGuard;
  readonly ledger: OperationLedger;
  readonly mapping: EbayProductMappingOptions;
}
