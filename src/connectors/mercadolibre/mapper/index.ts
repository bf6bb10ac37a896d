export * from './money.js';
export * from './items.js';
export * from './item-body.js';
export * from './orders.js';
export * from './schemas.js';
export { mercadolibreProductMapper } from './platform-mapper.js';
