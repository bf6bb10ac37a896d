export * from './server-limit.js';
export * from './bodies.js';
export * from './faults.js';
export * from './simulator.js';
export * from './msw.js';
export * from './drive.js';
