/**
 * Payload shapes of the eBay APIs the connector uses, as the OpenAPI documents define them (Sell
 * Inventory v1.13, Sell Fulfillment v1.19, Commerce Notification v1.2, Post-Order v2). Only the
 * fields the connector reads or writes are typed; everything eBay sends is kept.
 */
import type { EbayErrorDetail } from './errors.js';

/**
 * eBay's money: a decimal string and an ISO 4217 currency.
 *
 * @category Platform types and mapping
 */
export interface EbayAmount {
  value: string;
  currency: string;
  convertedFromValue?: string;
  convertedFromCurrency?: string;
}

/**
 * Stock of an inventory item available to ship, in total and per merchant location.
 *
 * @category Platform types and mapping
 */
export interface EbayShipToLocationAvailability {
  quantity?: number;
  availabilityDistributions?: {
    merchantLocationKey?: string;
    quantity?: number;
    fulfillmentTime?: { unit?: string; value?: number };
  }[];
}

/**
 * An inventory item (Sell Inventory API `InventoryItem`): the product behind a SKU.
 *
 * @category Platform types and mapping
 */
export interface EbayInventoryItem {
  sku?: string;
  locale?: string;
  condition?: string;
  conditionDescription?: string;
  product?: {
    title?: string;
    subtitle?: string;
    description?: string;
    brand?: string;
    mpn?: string;
    epid?: string;
    imageUrls?: string[];
    aspects?: Record<string, string[]>;
    ean?: string[];
    upc?: string[];
    isbn?: string[];
  };
  availability?: {
    shipToLocationAvailability?: EbayShipToLocationAvailability;
    pickupAtLocationAvailability?: unknown[];
  };
  packageWeightAndSize?: unknown;
  groupIds?: string[];
  inventoryItemGroupKeys?: string[];
}

/**
 * The listing policies an offer refers to (business policies set up in the seller's account).
 *
 * @category Platform types and mapping
 */
export interface EbayListingPolicies {
  fulfillmentPolicyId?: string;
  paymentPolicyId?: string;
  returnPolicyId?: string;
  [key: string]: unknown;
}

/**
 * An offer as createOffer and updateOffer take it (`EbayOfferDetailsWithKeys`/`WithId`).
 *
 * @category Platform types and mapping
 */
export interface EbayOfferInput {
  sku?: string;
  marketplaceId?: string;
  format?: string;
  availableQuantity?: number;
  categoryId?: string;
  listingDescription?: string;
  listingDuration?: string;
  listingPolicies?: EbayListingPolicies;
  merchantLocationKey?: string;
  pricingSummary?: { price?: EbayAmount; originalRetailPrice?: EbayAmount; [key: string]: unknown };
  quantityLimitPerBuyer?: number;
  [key: string]: unknown;
}

/**
 * An offer as getOffer and getOffers return it (`EbayOfferDetailsWithAll`).
 *
 * @category Platform types and mapping
 */
export interface EbayOffer extends EbayOfferInput {
  offerId?: string;
  status?: 'PUBLISHED' | 'UNPUBLISHED' | string;
  listing?: { listingId?: string; listingStatus?: string; soldQuantity?: number };
}

/**
 * One entry of a `bulkUpdatePriceQuantity` request: a SKU's total stock and/or its offers'
 * prices and quantities.
 *
 * @category Platform types and mapping
 */
export interface EbayPriceQuantity {
  sku?: string;
  shipToLocationAvailability?: EbayShipToLocationAvailability;
  offers?: { offerId: string; availableQuantity?: number; price?: EbayAmount }[];
}

/**
 * One entry of a `bulkUpdatePriceQuantity` response: the outcome for a SKU or one of its offers.
 *
 * @category Platform types and mapping
 */
export interface EbayPriceQuantityResponse {
  sku?: string;
  offerId?: string;
  statusCode?: number;
  errors?: EbayErrorDetail[];
  warnings?: EbayErrorDetail[];
}

/**
 * An order line (Sell Fulfillment API `LineItem`).
 *
 * @category Platform types and mapping
 */
export interface EbayLineItem {
  lineItemId?: string;
  legacyItemId?: string;
  sku?: string;
  title?: string;
  quantity?: number;
  lineItemCost?: EbayAmount;
  total?: EbayAmount;
  lineItemFulfillmentStatus?: 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED' | string;
  listingMarketplaceId?: string;
  [key: string]: unknown;
}

/**
 * A postal address as eBay returns it (`AddressWithCC`/`Address`).
 *
 * @category Platform types and mapping
 */
export interface EbayAddress {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  stateOrProvince?: string;
  postalCode?: string;
  countryCode?: string;
  country?: string;
  county?: string;
}

/**
 * An order (Sell Fulfillment API `Order`).
 *
 * @category Platform types and mapping
 */
export interface EbayOrder {
  orderId?: string;
  legacyOrderId?: string;
  creationDate?: string;
  lastModifiedDate?: string;
  orderFulfillmentStatus?: 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED' | string;
  orderPaymentStatus?: string;
  cancelStatus?: {
    cancelState?: 'NONE_REQUESTED' | 'IN_PROGRESS' | 'CANCELED' | string;
    cancelledDate?: string;
    cancelRequests?: unknown[];
  };
  buyer?: { username?: string; buyerRegistrationAddress?: { fullName?: string; email?: string } };
  pricingSummary?: {
    priceSubtotal?: EbayAmount;
    deliveryCost?: EbayAmount;
    deliveryDiscount?: EbayAmount;
    priceDiscountSubtotal?: EbayAmount;
    tax?: EbayAmount;
    total?: EbayAmount;
    adjustment?: EbayAmount;
  };
  fulfillmentStartInstructions?: {
    fulfillmentInstructionsType?: string;
    shippingStep?: {
      shipTo?: {
        fullName?: string;
        companyName?: string;
        email?: string;
        primaryPhone?: { phoneNumber?: string };
        contactAddress?: EbayAddress;
      };
      shippingCarrierCode?: string;
    };
  }[];
  fulfillmentHrefs?: string[];
  lineItems?: EbayLineItem[];
  salesRecordReference?: string;
  [key: string]: unknown;
}

/**
 * A shipping fulfillment (a package with tracking) of an order.
 *
 * @category Platform types and mapping
 */
export interface EbayShippingFulfillment {
  fulfillmentId?: string;
  lineItems?: { lineItemId?: string; quantity?: number }[];
  shipmentTrackingNumber?: string;
  shippingCarrierCode?: string;
  shippedDate?: string;
  shippingServiceCode?: string;
}

/**
 * A merchant location (warehouse or store) of the seller.
 *
 * @category Platform types and mapping
 */
export interface EbayInventoryLocation {
  merchantLocationKey?: string;
  name?: string;
  merchantLocationStatus?: string;
  locationTypes?: string[];
  location?: { address?: EbayAddress };
}

/**
 * A page of a paginated eBay collection: `next` is the URL of the next page, when there is one.
 *
 * @category Platform types and mapping
 */
export interface EbayPage {
  total?: number;
  limit?: number;
  offset?: number;
  href?: string;
  next?: string;
  prev?: string;
}
