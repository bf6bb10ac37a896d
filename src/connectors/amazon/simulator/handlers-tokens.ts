import type { HttpHandler } from 'msw';
import { http } from '../../../testing/msw/peer.js';
import type { SimulatorRuntime } from './runtime.js';

/** Tokens 2021-03-01: restricted data tokens derived from the caller's access token. */
export function tokensHandlers(rt: SimulatorRuntime): HttpHandler[] {
  return [
    http.post(`${rt.base}/tokens/2021-03-01/restrictedDataToken`, async ({ request }) => {
      const denied = rt.gate('createRestrictedDataToken', request);
      if (denied) return denied;
      const body = (await request.json().catch(() => ({}))) as { restrictedResources?: unknown[] };
      if (!body.restrictedResources?.length) return rt.error(400, 'InvalidInput', 'restrictedResources is required.');
      const token = `Atz.sprdt|${rt.nextId('rdt')}`;
      rt.tokens.derive(token, request.headers.get('x-amz-access-token') ?? '');
      return rt.json('createRestrictedDataToken', { restrictedDataToken: token, expiresIn: 3600 });
    }),
  ];
}
