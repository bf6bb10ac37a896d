import type { SimRequest } from './context.js';
import { json, mlError } from './responses.js';

/**
 * How long MercadoLibre keeps a missed notification (about two days); older ones are gone
 * from `/missed_feeds`.
 *
 * @example
 * ```ts
 * await clock.advance(MISSED_FEEDS_RETENTION_MS + 1); // the simulator's missed feeds are empty again
 * ```
 *
 * @category Simulator
 */
export const MISSED_FEEDS_RETENTION_MS = 2 * 24 * 60 * 60_000;

/** `GET /missed_feeds?app_id=...`: the application's undelivered notifications, `topic`, `offset`, `limit` (at most 50). */
export function missedFeeds(sim: SimRequest): Response {
  const query = sim.url.searchParams;
  if (query.get('app_id') !== sim.applicationId)
    return mlError(403, 'forbidden', 'app_id must be the application of the access token.');
  const limit = Number(query.get('limit') ?? 10);
  const offset = Number(query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50 || !Number.isInteger(offset) || offset < 0)
    return mlError(400, 'bad_request', 'Invalid paging: limit 1..50, offset ≥ 0');
  const topic = query.get('topic');
  const cutoff = sim.clock.now() - MISSED_FEEDS_RETENTION_MS;
  const messages = sim.state.missedFeeds.filter(
    (feed) =>
      String(feed.application_id) === sim.applicationId &&
      (topic === null || feed.topic === topic) &&
      Date.parse(feed.sent ?? '') >= cutoff,
  );
  return json({ messages: messages.slice(offset, offset + limit), total: messages.length, offset, limit });
}

/** `GET /users/{id}` (and `/users/me`). */
export function getUser(sim: SimRequest): Response {
  const id = sim.params[0] === 'me' ? sim.seller.id : Number(sim.params[0]);
  const seller = sim.state.sellers.get(id);
  if (!seller) return mlError(404, 'not_found', `User ${sim.params[0]} not found`);
  return json({
    id: seller.id,
    nickname: seller.nickname,
    site_id: seller.siteId,
    country_id: seller.siteId.slice(1, 3),
    tags: [...seller.tags],
  });
}

/** Any other resource a notification may point at (`/questions/{id}`, ...), as seeded. */
export function getResource(sim: SimRequest): Response {
  const resource = sim.state.resources.get(sim.url.pathname);
  return resource === undefined ? mlError(404, 'not_found', `Resource ${sim.url.pathname} not found`) : json(resource);
}
