export * from './money.js';
export * from './orders.js';
export * from './listings.js';
export * from './inventory.js';
export * from './finances.js';
