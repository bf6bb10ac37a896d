/**
 * The canonical operations of {@link BaseMarketplaceAPI}, in the order they are documented.
 *
 * @example
 * ```ts
 * for (const operation of OPERATIONS) console.log(operation, marketplace.capabilities.supports(operation));
 * ```
 *
 * @category Marketplace contract
 */
export const OPERATIONS = [
  'listProducts',
  'getProduct',
  'getOffersBySku',
  'upsertProducts',
  'deleteProducts',
  'updatePrices',
  'getInventory',
  'setInventory',
  'adjustInventory',
  'listOrders',
  'getOrder',
  'acknowledgeOrders',
  'confirmShipment',
  'cancelOrder',
  'listFinancialEvents',
  'healthCheck',
] as const;

/**
 * The name of a canonical operation.
 *
 * @category Marketplace contract
 */
export type OperationName = (typeof OPERATIONS)[number];

/**
 * The canonical operations that write. They take arrays and return per-item outcomes.
 *
 * @example
 * ```ts
 * WRITE_OPERATIONS.includes('updatePrices'); // true
 * ```
 *
 * @category Marketplace contract
 */
export const WRITE_OPERATIONS: readonly OperationName[] = [
  'upsertProducts',
  'deleteProducts',
  'updatePrices',
  'setInventory',
  'adjustInventory',
  'acknowledgeOrders',
  'confirmShipment',
  'cancelOrder',
];

/**
 * What a marketplace instance can do: the operations it implements, the largest batch each
 * write accepts in one platform call, and platform features the sync and safety layers use.
 *
 * @example
 * ```ts
 * if (!marketplace.capabilities.supports('adjustInventory')) useAbsoluteSets();
 * const chunk = marketplace.capabilities.maxBatchSize.setInventory ?? 100;
 * ```
 *
 * @category Marketplace contract
 */
export interface Capabilities {
  /** Operations this instance implements. */
  readonly operations: ReadonlySet<OperationName>;
  /** Whether `operation` is implemented. */
  supports(operation: OperationName): boolean;
  /** The largest number of items one platform call takes, per write operation. */
  readonly maxBatchSize: Partial<Record<OperationName, number>>;
  /** `setInventory` honours `expectedVersion`/`expectedAvailable` atomically. */
  readonly inventoryCompareAndSet: boolean;
  /** `adjustInventory` honours `idempotencyKey`, so a replay applies once. */
  readonly idempotentAdjustments: boolean;
  /**
   * `setInventory` honours `idempotencyKey`: a replay of a write whose answer was lost returns
   * that write's outcome (applied or refused) instead of writing again.
   */
  readonly idempotentSets: boolean;
}

/**
 * The declarable parts of {@link Capabilities}; `operations` is derived from the methods a
 * class implements.
 *
 * @example
 * ```ts
 * class MyShop extends BaseMarketplaceAPI {
 *   readonly platform = 'my-shop';
 *   protected override declareCapabilities(): CapabilityDeclaration {
 *     return { maxBatchSize: { updatePrices: 50 } };
 *   }
 * }
 * ```
 *
 * @category Marketplace contract
 */
export interface CapabilityDeclaration {
  maxBatchSize?: Partial<Record<OperationName, number>>;
  inventoryCompareAndSet?: boolean;
  idempotentAdjustments?: boolean;
  idempotentSets?: boolean;
}
