/**
 * marketbridge: one safe interface to online marketplaces.
 *
 * The root entry holds the core contracts (`BaseMarketplaceAPI`, `MarketplaceFactory`,
 * `defineMarketplace`, `createDefaultFactory`, `Context`), events, the error hierarchy, the
 * canonical model with exact `Money`, and the `Store`/`Lock` interfaces with their memory
 * implementations. Each capability has its own subpath: `marketbridge/http`, `/auth`,
 * `/webhooks`, `/sync`, `/safety`, one per connector (`/connectors/shopify`, ...), the
 * simulated marketplace, the testing kits, shared stores and runtime adapters.
 *
 * @example
 * ```ts
 * import { createDefaultFactory } from 'marketbridge';
 * const factory = createDefaultFactory();
 * const marketplace = await factory.create('simulated', { seed: 1 });
 * ```
 *
 * @module marketbridge
 */
export * from './core/index.js';
export * from './model/index.js';
export * from './stores/index.js';
