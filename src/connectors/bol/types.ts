// Payload shapes of the Retailer API v10 and the Shared API v10, as the OpenAPI documents
// (`retailer.json`, `shared.json`) define them; only the fields the connector reads or sends.

/**
 * The fulfilment method of an offer or order item: by the retailer (FBR) or by bol.com (FBB).
 *
 * @category Platform types and mapping
 */
export type BolFulfilmentMethod = 'FBR' | 'FBB';

/**
 * The condition names bol.com knows.
 *
 * @category Platform types and mapping
 */
export type BolConditionName = 'NEW' | 'AS_NEW' | 'GOOD' | 'REASONABLE' | 'MODERATE';

/**
 * One volume price: the unit price (VAT included) when the customer orders at least `quantity`.
 *
 * @category Platform types and mapping
 */
export interface BolBundlePrice {
  quantity: number;
  unitPrice: number;
}

/**
 * The `pricing` block of an offer: 1 to 4 bundle prices, quantity 1 among them.
 *
 * @category Platform types and mapping
 */
export interface BolPricing {
  bundlePrices: BolBundlePrice[];
}

/**
 * `PUT /offers/{offer-id}/stock`: the retailer's own stock, 0 to 999.
 *
 * @category Platform types and mapping
 */
export interface BolStockUpdate {
  amount: number;
  managedByRetailer: boolean;
}

/**
 * An offer's fulfilment: method and, for FBR, the delivery promise.
 *
 * @category Platform types and mapping
 */
export interface BolFulfilment {
  method: BolFulfilmentMethod;
  deliveryCode?: string;
}

/**
 * An offer's condition.
 *
 * @category Platform types and mapping
 */
export interface BolCondition {
  name: BolConditionName;
  category?: 'NEW' | 'SECONDHAND';
  comment?: string;
}

/**
 * `POST /offers`.
 *
 * @example
 * ```ts
 * const body: BolCreateOfferRequest = {
 *   ean: '0000007740404', condition: { name: 'NEW' }, pricing: { bundlePrices: [{ quantity: 1, unitPrice: 9.99 }] },
 *   stock: { amount: 6, managedByRetailer: true }, fulfilment: { method: 'FBR', deliveryCode: '1-2d' },
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface BolCreateOfferRequest {
  ean: string;
  condition: BolCondition;
  reference?: string;
  onHoldByRetailer?: boolean;
  unknownProductTitle?: string;
  economicOperatorId?: string;
  pricing: BolPricing;
  stock: BolStockUpdate;
  fulfilment: BolFulfilment;
}

/**
 * `PUT /offers/{offer-id}`: everything but price and stock.
 *
 * @category Platform types and mapping
 */
export interface BolUpdateOfferRequest {
  reference?: string;
  onHoldByRetailer?: boolean;
  unknownProductTitle?: string;
  economicOperatorId?: string;
  fulfilment: BolFulfilment;
}

/**
 * An offer as `GET /offers/{offer-id}` answers it.
 *
 * @category Platform types and mapping
 */
export interface BolRetailerOffer {
  offerId: string;
  ean: string;
  reference?: string;
  onHoldByRetailer: boolean;
  unknownProductTitle?: string;
  economicOperatorId?: string;
  pricing: BolPricing;
  stock: { amount?: number; correctedStock?: number; managedByRetailer: boolean };
  fulfilment: BolFulfilment;
  store: { productTitle?: string; visible: { countryCode: string }[] };
  condition: BolCondition;
  notPublishableReasons: { code: string; description: string }[];
}

/**
 * The states of a process status.
 *
 * @category Platform types and mapping
 */
export type BolProcessState = 'PENDING' | 'SUCCESS' | 'FAILURE' | 'TIMEOUT';

/**
 * What every write answers (HTTP 202) and `GET /shared/process-status/{id}` reports.
 *
 * @example
 * ```ts
 * const status: BolProcessStatus = {
 *   processStatusId: '1234567', entityId: '987654321', eventType: 'UPDATE_OFFER_STOCK', description: 'Update stock.',
 *   status: 'PENDING', createTimestamp: '2026-01-01T10:00:00+01:00', links: [],
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface BolProcessStatus {
  processStatusId?: string;
  entityId?: string;
  eventType: string;
  description: string;
  status: BolProcessState;
  errorMessage?: string;
  createTimestamp: string;
  links: { rel?: string; href?: string; method?: string }[];
}

/**
 * An order in the list of `GET /orders` (no prices, no addresses).
 *
 * @category Platform types and mapping
 */
export interface BolReducedOrder {
  orderId: string;
  orderPlacedDateTime: string;
  orderItems: {
    orderItemId: string;
    ean: string;
    fulfilmentMethod: BolFulfilmentMethod;
    fulfilmentStatus: 'OPEN' | 'HANDLED';
    quantity: number;
    quantityShipped: number;
    quantityCancelled: number;
    cancellationRequest: boolean;
    latestChangedDateTime: string;
  }[];
}

/**
 * A shipping or billing address block of an order.
 *
 * @category Platform types and mapping
 */
export interface BolAddressDetails {
  salutation?: string;
  firstName?: string;
  surname?: string;
  streetName?: string;
  houseNumber?: string;
  houseNumberExtension?: string;
  extraAddressInformation?: string;
  zipCode?: string;
  city?: string;
  countryCode?: string;
  email?: string;
  company?: string;
  deliveryPhoneNumber?: string;
}

/**
 * One item of an order as `GET /orders/{order-id}` answers it.
 *
 * @category Platform types and mapping
 */
export interface BolOrderItem {
  orderItemId: string;
  cancellationRequest: boolean;
  fulfilment?: {
    method: string;
    distributionParty?: string;
    latestDeliveryDate?: string;
    expiryDate?: string;
    timeFrameType?: string;
  };
  offer?: { offerId?: string; reference?: string };
  product?: { ean: string; title?: string };
  quantity: number;
  quantityShipped: number;
  quantityCancelled: number;
  unitPrice: number;
  totalPrice: number;
  commission: number;
  discounts: { title: string; amount: number }[];
  latestChangedDateTime: string;
}

/**
 * An order with its items, addresses and prices (`GET /orders/{order-id}`).
 *
 * @category Platform types and mapping
 */
export interface BolOrder {
  orderId: string;
  pickupPoint: boolean;
  orderPlacedDateTime?: string;
  shipmentDetails: BolAddressDetails;
  billingDetails?: BolAddressDetails;
  orderItems: BolOrderItem[];
}

/**
 * `POST /shipments`: order items (of one order) shipped together, with the transport.
 *
 * @category Platform types and mapping
 */
export interface BolShipmentRequest {
  orderItems: { orderItemId: string; quantity?: number }[];
  shipmentReference?: string;
  shippingLabelId?: string;
  transport?: { transporterCode: string; trackAndTrace?: string };
}

/**
 * The reason codes `PUT /orders/cancellation` accepts.
 *
 * @category Platform types and mapping
 */
export type BolCancellationReason =
  | 'OUT_OF_STOCK'
  | 'REQUESTED_BY_CUSTOMER'
  | 'BAD_CONDITION'
  | 'HIGHER_SHIPCOST'
  | 'INCORRECT_PRICE'
  | 'NOT_AVAIL_IN_TIME'
  | 'NO_BOL_GUARANTEE'
  | 'ORDERED_TWICE'
  | 'RETAIN_ITEM'
  | 'TECH_ISSUE'
  | 'UNFINDABLE_ITEM'
  | 'OTHER';

/**
 * The resources a push subscription can listen to.
 *
 * @category Platform types and mapping
 */
export type BolSubscriptionResource =
  | 'PROCESS_STATUS'
  | 'SHIPMENT'
  | 'PRICE_STAR_BOUNDARY'
  | 'COMPETING_OFFER'
  | 'OFFER_FOR_SALE'
  | 'OFFER_NOT_FOR_SALE'
  | 'ORDER';

/**
 * A push notification subscription (`GET /subscriptions`).
 *
 * @category Platform types and mapping
 */
export interface BolSubscription {
  id: string;
  resources: (BolSubscriptionResource | 'TEST')[];
  url: string;
  subscriptionType: 'WEBHOOK' | 'GCP_PUBSUB' | 'AWS_SQS';
  enabled?: boolean;
  identity?: string;
}

/**
 * A public key that signs push notifications (`GET /subscriptions/signature-keys`).
 *
 * @category Platform types and mapping
 */
export interface BolSignatureKey {
  id: string;
  type: string;
  publicKey: string;
}
