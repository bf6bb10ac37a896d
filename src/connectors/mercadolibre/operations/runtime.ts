import type { ResolvedContext } from '../../../core/context.js';
import type { OperationLedger } from '../../../http/ledger.js';
import type { MercadoLibreClient } from '../client.js';
import type { MercadoLibreConfig } from '../config.js';
import type { SkuIndex } from './sku-index.js';

/**
 * What the connector's operations share: the client, the validated configuration, the
 * context, the site currency, the operation ledger, the SKU index and the seller's stock model.
 */
export interface MercadoLibreRuntime {
  readonly client: MercadoLibreClient;
  readonly config: MercadoLibreConfig;
  readonly context: ResolvedContext;
  /** The site's currency (`currency_id` of the seller's listings). */
  readonly currency: string;
  /** Records non-idempotent writes (item creation, cancellations, shipments) before sending. */
  readonly ledger: OperationLedger;
  /** SKU → item (and variation, user product) resolution. */
  readonly skus: SkuIndex;
  /** How this seller's stock is written, asking `/users/{id}` once when configured `auto`. */
  stockMode(signal?: AbortSignal): Promise<'items' | 'user-products'>;
}
