import type { HttpHandler } from 'msw';
import { http, HttpResponse } from '../msw/peer.js';
import type { PipelineSimulator } from './simulator.js';

/**
 * An msw handler that routes every method on `url` (an msw path pattern) to a simulator.
 * A `reset` becomes a network error, so `fetch` rejects as it does when a connection drops.
 *
 * @example
 * ```ts
 * const server = setupServer(simulatorHandler(sim, 'https://sellingpartnerapi-eu.amazon.com/*'));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @category Pipeline simulator
 */
export function simulatorHandler(simulator: PipelineSimulator, url: string): HttpHandler {
  return http.all(url, async ({ request }) => {
    const answer = await simulator.handle(request);
    return answer === 'reset' ? HttpResponse.error() : answer;
  });
}
