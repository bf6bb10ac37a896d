export * from './condition.js';
export * from './money.js';
export * from './overrides.js';
export * from './product.js';
export * from './order.js';
export * from './inventory.js';
export * from './platform-mapper.js';
