/**
 * The platform simulators as msw request handlers: Shopify Admin GraphQL, Amazon SP-API and
 * Creators, bol.com Retailer, eBay and MercadoLibre, each with state, rate limits and the
 * documented failure answers, plus the handler that puts a pipeline simulator behind a URL.
 * Needs the optional peer `msw` (`npm install --save-dev msw`).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { ShopifySimulator } from 'marketbridge/testing/msw';
 * const simulator = new ShopifySimulator({ products: 10 });
 * setupServer(...simulator.handlers).listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @module marketbridge/testing/msw
 */
export * from '../../connectors/shopify/simulator/index.js';
export * from '../../connectors/amazon/simulator/index.js';
export * from '../../connectors/bol/simulator/index.js';
export * from '../../connectors/ebay/simulator/index.js';
export * from '../../connectors/mercadolibre/simulator/index.js';
export { simulatorHandler } from '../pipeline/msw.js';
