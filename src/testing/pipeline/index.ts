export * from './server-limit.js';
export * from './problem-body.js';
export * from '../../connectors/shopify/simulator/throttle-bodies.js';
export * from '../../connectors/amazon/simulator/quota-exceeded.js';
export * from './faults.js';
export * from './simulator.js';
export * from './drive.js';
