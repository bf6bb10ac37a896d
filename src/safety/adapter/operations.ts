import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { BatchResult } from '../../core/batch.js';
import type { MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import type { OperationOptions } from '../../core/types.js';
import type { PlannedOperation } from '../translate.js';

/**
 * What one planned operation returned: its per-item outcomes and the first item error.
 */
export interface OperationOutcome {
  result: BatchResult<unknown, unknown>;
  firstError?: MarketbridgeError;
}

/**
 * Calls the canonical operation a planned operation names, with its payload.
 *
 * @example
 * ```ts
 * const outcome = await callOperation(api, translateSimulationAction(action));
 * ```
 */
export async function callOperation(
  api: BaseMarketplaceAPI,
  planned: PlannedOperation,
  options: OperationOptions = {},
): Promise<OperationOutcome> {
  const payload = planned.payload as never[];
  let result: BatchResult<unknown, unknown>;
  switch (planned.operation) {
    case 'updatePrices':
      result = await api.updatePrices(payload, options);
      break;
    case 'setInventory':
      result = await api.setInventory(payload, options);
      break;
    case 'adjustInventory':
      result = await api.adjustInventory(payload, options);
      break;
    case 'upsertProducts':
      result = await api.upsertProducts(payload, options);
      break;
    case 'deleteProducts':
      result = await api.deleteProducts(payload, options);
      break;
    case 'confirmShipment':
      result = await api.confirmShipment(payload, options);
      break;
    case 'cancelOrder':
      result = await api.cancelOrder(payload, options);
      break;
    case 'acknowledgeOrders':
      result = await api.acknowledgeOrders(payload, options);
      break;
    default:
      throw new TypeError(`${planned.operation} is not a write operation.`);
  }
  const failed = result.items.find((item) => !item.ok);
  return failed && !failed.ok ? { result, firstError: failed.error } : { result };
}
