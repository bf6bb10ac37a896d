import type {
  MercadoLibreItem,
  MercadoLibreMissedFeed,
  MercadoLibreOrder,
  MercadoLibreShipment,
  MercadoLibreStockLocation,
} from '../types/index.js';

/**
 * A seller account in the simulator.
 *
 * @category Simulator
 */
export interface SimSeller {
  id: number;
  nickname: string;
  siteId: string;
  /** `warehouse_management` makes the seller multi-warehouse (stock through user products). */
  tags: string[];
}

/**
 * A user product's stock as the simulator keeps it.
 *
 * @category Simulator
 */
export interface SimUserProduct {
  id: string;
  userId: number;
  version: number;
  locations: MercadoLibreStockLocation[];
}

/**
 * A scan search in progress (`scroll_id`), expiring when unused.
 *
 * @category Simulator
 */
export interface SimScroll {
  ids: string[];
  position: number;
  expiresAt: number;
  sellerId: number;
}

/**
 * Everything the simulated MercadoLibre holds; tests read it to check what a connector wrote.
 *
 * @category Simulator
 */
export interface MercadoLibreSimState {
  sellers: Map<number, SimSeller>;
  items: Map<string, MercadoLibreItem>;
  userProducts: Map<string, SimUserProduct>;
  orders: Map<number, MercadoLibreOrder>;
  shipments: Map<number, MercadoLibreShipment>;
  /** Feedback left on orders (the cancellation body). */
  feedback: Map<number, Record<string, unknown>>;
  /** Other resources notifications point at (`/questions/1` → body). */
  resources: Map<string, unknown>;
  /** Notifications MercadoLibre could not deliver. */
  missedFeeds: MercadoLibreMissedFeed[];
  scrolls: Map<string, SimScroll>;
  sequence: number;
}

/** A fresh, empty state. */
export function emptySimState(): MercadoLibreSimState {
  return {
    sellers: new Map(),
    items: new Map(),
    userProducts: new Map(),
    orders: new Map(),
    shipments: new Map(),
    feedback: new Map(),
    resources: new Map(),
    missedFeeds: [],
    scrolls: new Map(),
    sequence: 0,
  };
}
