import type { Money } from '../../../model/money.js';

/**
 * A listing as the simulator keeps it. `attributes` are the listing's attributes as Amazon
 * stores them (`purchasable_offer`, `fulfillment_availability`, ...); `price` and `quantity`
 * are derived from them after every write (the B2C `our_price` and the `DEFAULT` channel).
 *
 * @category Simulator
 */
export interface SimulatedListing {
  sku: string;
  asin: string;
  productType: string;
  title: string;
  price: Money;
  quantity: number;
  /** FBA stock (fulfillable, reserved) for getInventorySummaries. */
  fba?: { fulfillable: number; reserved: number };
  attributes: Record<string, unknown>;
  updatedAt: number;
}

/**
 * An item of the Amazon catalog: the ASINs an offer-only listing can be matched to.
 *
 * @category Simulator
 */
export interface SimulatedCatalogItem {
  asin: string;
  title: string;
  brand?: string;
  productType: string;
}

/**
 * An order as the simulator keeps it, in SP-API's own shapes.
 *
 * @category Simulator
 */
export interface SimulatedOrder {
  order: Record<string, unknown> & { AmazonOrderId: string; LastUpdateDate: string; OrderStatus: string };
  items: (Record<string, unknown> & { OrderItemId: string; QuantityOrdered: number })[];
  buyer?: { BuyerEmail?: string; BuyerName?: string };
  address?: Record<string, unknown>;
  shipments: unknown[];
}

/**
 * An asynchronous job (feed or report) in the simulator.
 *
 * @category Simulator
 */
export interface SimulatedJob {
  id: string;
  kind: 'feed' | 'report';
  type: string;
  createdAt: number;
  status: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED' | 'FATAL';
  inputDocumentId?: string;
  resultDocumentId?: string;
}

/**
 * A document (feed input, processing report, report) behind a pre-signed URL.
 *
 * @category Simulator
 */
export interface SimulatedDocument {
  id: string;
  contentType: string;
  bytes?: Uint8Array;
  gzip?: boolean;
}

/**
 * Everything the simulated seller account holds; tests read it to check what a connector wrote.
 *
 * @category Simulator
 */
export interface SimulatorState {
  listings: Map<string, SimulatedListing>;
  /** The catalog by ASIN (every listing's ASIN is in it). */
  catalog: Map<string, SimulatedCatalogItem>;
  orders: Map<string, SimulatedOrder>;
  jobs: Map<string, SimulatedJob>;
  documents: Map<string, SimulatedDocument>;
  financialEvents: Record<string, unknown[]>;
  /** When the financial events were set: the posted date of events that carry none. */
  financialEventsPostedAt?: number;
  destinations: Map<string, { destinationId: string; name: string; resource: unknown }>;
  subscriptions: Map<string, { subscriptionId: string; payloadVersion: string; destinationId: string }>;
  /** Test notifications sent with `sendTestNotification`. */
  testNotifications: { notificationType: string; destinationId?: string }[];
  sequence: number;
}

/** A fresh, empty state. */
export function emptyState(): SimulatorState {
  return {
    listings: new Map(),
    catalog: new Map(),
    orders: new Map(),
    jobs: new Map(),
    documents: new Map(),
    financialEvents: {},
    destinations: new Map(),
    subscriptions: new Map(),
    testNotifications: [],
    sequence: 0,
  };
}
