import { invalid, json, problem } from './problems.js';
import { bulkStatusViolations, subscriptionViolations } from './rules.js';
import type { BolSimulatorRuntime } from './runtime.js';
import type { BolSubscription } from '../types.js';

/** The answers of the Shared API (process statuses). */
export function sharedRoute(
  sim: BolSimulatorRuntime,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Response | undefined {
  const single = /^\/process-status\/([^/]+)$/.exec(path);
  if (single && method === 'GET') {
    const status = sim.state.processStatuses.get(decodeURIComponent(single[1]!));
    return status ? json(sim.statusJson(status)) : problem(404, 'Not Found', `Process status ${single[1]} not found.`);
  }
  if (path !== '/process-status') return undefined;
  if (method === 'POST') {
    const violations = bulkStatusViolations(body);
    if (violations.length) return invalid(violations);
    const ids = (body as { processStatusQueries: { processStatusId: string }[] }).processStatusQueries.map(
      (query) => query.processStatusId,
    );
    const processStatuses = ids.flatMap((id) => {
      const status = sim.state.processStatuses.get(id);
      return status ? [sim.statusJson(status)] : [];
    });
    return json({ processStatuses });
  }
  if (method === 'GET') {
    const entityId = query.get('entity-id');
    const eventType = query.get('event-type');
    const violations = [
      ...(entityId ? [] : [{ name: 'entity-id', reason: 'Must not be null.' }]),
      ...(eventType ? [] : [{ name: 'event-type', reason: 'Must not be null.' }]),
    ];
    if (violations.length) return invalid(violations);
    const page = Number(query.get('page') ?? '1');
    const all = [...sim.state.processStatuses.values()]
      .filter((status) => status.entityId === entityId && status.eventType === eventType)
      .sort((a, b) => b.createdAt - a.createdAt || Number(b.id) - Number(a.id));
    return json({ processStatuses: all.slice((page - 1) * 50, page * 50).map((status) => sim.statusJson(status)) });
  }
  return undefined;
}

/** The answers of the subscriptions endpoints (signature keys excepted). */
export function subscriptionRoute(
  sim: BolSimulatorRuntime,
  method: string,
  path: string,
  body: unknown,
): Response | undefined {
  if (path === '/subscriptions') {
    if (method === 'GET') return json({ subscriptions: [...sim.state.subscriptions.values()] });
    if (method !== 'POST') return undefined;
    const violations = subscriptionViolations(body);
    if (violations.length) return invalid(violations);
    const status = sim.createStatus({
      eventType: 'CREATE_SUBSCRIPTION',
      description: 'Create subscription.',
      body,
      effect: () => {
        const id = sim.nextId('subscription');
        sim.state.subscriptions.set(id, { id, enabled: true, ...(body as Omit<BolSubscription, 'id'>) });
        status.entityId = id;
      },
    });
    return json(sim.statusJson(status), 202);
  }
  const test = /^\/subscriptions\/test\/([^/]+)$/.exec(path);
  if (test && method === 'POST') {
    const id = decodeURIComponent(test[1]!);
    if (!sim.state.subscriptions.has(id)) return problem(400, 'Bad Request', `Subscription ${id} does not exist.`);
    return json(
      sim.statusJson(
        sim.createStatus({
          eventType: 'SEND_SUBSCRIPTION_TST_MSG',
          entityId: id,
          description: 'Send test message.',
          effect: () => {
            const subscription = sim.state.subscriptions.get(id)!;
            sim.outbox.push({
              subscriptionId: id,
              url: subscription.url,
              body: {
                retailerId: sim.retailerId,
                timestamp: new Date(sim.clock.now()).toISOString(),
                event: { resource: 'TEST', type: 'TEST', resourceId: id },
              },
            });
          },
        }),
      ),
      202,
    );
  }
  const one = /^\/subscriptions\/([^/]+)$/.exec(path);
  if (!one) return undefined;
  const id = decodeURIComponent(one[1]!);
  const existing = sim.state.subscriptions.get(id);
  if (method === 'GET') return existing ? json(existing) : problem(404, 'Not Found', `Subscription ${id} not found.`);
  if (!existing) return problem(400, 'Bad Request', `Subscription ${id} does not exist.`);
  if (method === 'PUT') {
    const violations = subscriptionViolations(body);
    if (violations.length) return invalid(violations);
    return json(
      sim.statusJson(
        sim.createStatus({
          eventType: 'UPDATE_SUBSCRIPTION',
          entityId: id,
          description: 'Update subscription.',
          body,
          effect: () => {
            sim.state.subscriptions.set(id, { id, enabled: true, ...(body as Omit<BolSubscription, 'id'>) });
          },
        }),
      ),
      202,
    );
  }
  if (method === 'DELETE')
    return json(
      sim.statusJson(
        sim.createStatus({
          eventType: 'DELETE_SUBSCRIPTION',
          entityId: id,
          description: 'Delete subscription.',
          effect: () => {
            sim.state.subscriptions.delete(id);
          },
        }),
      ),
      202,
    );
  return undefined;
}
