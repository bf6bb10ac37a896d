export * from './money.js';
export * from '../orders/v0/mapper.js';
export * from './listings.js';
export * from './inventory.js';
export * from '../finances/v0/mapper.js';
export * from '../orders/2026-01-01/mapper.js';
export * from '../finances/2024-06-19/mapper.js';
