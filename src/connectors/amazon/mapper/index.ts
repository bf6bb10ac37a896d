export * from './money.js';
export * from './orders.js';
export * from './listings.js';
export * from './inventory.js';
export * from './finances.js';
export * from './orders-2026.js';
export * from './finances-2024.js';
