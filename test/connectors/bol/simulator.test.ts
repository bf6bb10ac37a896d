import { describe, expect, it } from 'vitest';
import { BolRetailerSimulator } from '../../../src/connectors/bol/simulator/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';

const MEDIA = 'application/vnd.retailer.v10+json';

async function tokenFor(simulator: BolRetailerSimulator): Promise<string> {
  const response = await simulator.fetch('https://login.bol.com/token?grant_type=client_credentials', {
    method: 'POST',
    headers: { authorization: `Basic ${btoa('id:secret')}` },
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('the bol.com simulator on its own', () => {
  it('answers media type, auth and window problems as bol.com does', async () => {
    const clock = new FakeClock();
    const simulator = new BolRetailerSimulator({ clock, windows: { retailers: { limit: 2, windowMs: 60_000 } } });
    const token = await tokenFor(simulator);
    const get = (headers: Record<string, string>) =>
      simulator.fetch('https://api.bol.com/retailer/retailers/current', { headers });
    expect((await get({ accept: MEDIA })).status).toBe(401);
    expect((await get({ accept: 'application/json', authorization: `Bearer ${token}` })).status).toBe(406);
    const ok = await get({ accept: MEDIA, authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(Object.fromEntries([...ok.headers].filter(([name]) => name.startsWith('x-ratelimit')))).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '60',
    });
    await clock.advance(10_000);
    const refused = await get({ accept: MEDIA, authorization: `Bearer ${token}` });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(await refused.json()).toMatchObject({
      type: 'https://api.bol.com/problems',
      status: 429,
      title: 'Too Many Requests',
    });
    await clock.advance(50_000);
    expect((await get({ accept: MEDIA, authorization: `Bearer ${token}` })).status).toBe(200);
    await clock.advance(299_000);
    expect((await get({ accept: MEDIA, authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('requires the Retailer API media type on bodies and moves process statuses over time', async () => {
    const clock = new FakeClock();
    const simulator = new BolRetailerSimulator({ clock, processingMs: 5000 });
    const offer = simulator.addOffer({ ean: '8712626055143', price: 9.99 });
    const token = await tokenFor(simulator);
    const headers = { accept: MEDIA, authorization: `Bearer ${token}` };
    const put = (contentType: string) =>
      simulator.fetch(`https://api.bol.com/retailer/offers/${offer.offerId}/stock`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': contentType },
        body: JSON.stringify({ amount: 3, managedByRetailer: true }),
      });
    expect((await put('application/json')).status).toBe(415);
    const accepted = await put(MEDIA);
    expect(accepted.status).toBe(202);
    const status = (await accepted.json()) as {
      processStatusId: string;
      status: string;
      entityId: string;
      eventType: string;
    };
    expect(status).toMatchObject({ status: 'PENDING', entityId: offer.offerId, eventType: 'UPDATE_OFFER_STOCK' });
    const poll = async () =>
      (
        (await (
          await simulator.fetch(`https://api.bol.com/shared/process-status/${status.processStatusId}`, { headers })
        ).json()) as { status: string }
      ).status;
    expect(await poll()).toBe('PENDING');
    expect(offer.stock.amount).toBe(0);
    await clock.advance(5000);
    expect(await poll()).toBe('SUCCESS');
    expect(offer.stock.amount).toBe(3);
  });

  it("exports offers as CSV with bol.com's columns", async () => {
    const clock = new FakeClock();
    const simulator = new BolRetailerSimulator({ clock, processingMs: 0 });
    simulator.addOffer({ ean: '8712626055143', price: 12, stock: 4, reference: 'A,B' });
    const token = await tokenFor(simulator);
    const headers = { accept: MEDIA, authorization: `Bearer ${token}`, 'content-type': MEDIA };
    const created = (await (
      await simulator.fetch('https://api.bol.com/retailer/offers/export', {
        method: 'POST',
        headers,
        body: '{"format":"CSV"}',
      })
    ).json()) as { processStatusId: string };
    const done = (await (
      await simulator.fetch(`https://api.bol.com/shared/process-status/${created.processStatusId}`, { headers })
    ).json()) as { entityId: string };
    const csv = await (
      await simulator.fetch(`https://api.bol.com/retailer/offers/export/${done.entityId}`, {
        headers: { ...headers, accept: 'application/vnd.retailer.v10+csv' },
      })
    ).text();
    const [header, row] = csv.trim().split('\n');
    expect(header).toBe(
      'offerId,ean,conditionName,conditionCategory,conditionComment,bundlePricesPrice,fulfilmentDeliveryCode,stockAmount,onHoldByRetailer,fulfilmentType,mutationDateTime,referenceCode,correctedStock',
    );
    expect(row).toMatch(/^offer-\d+,8712626055143,NEW,NEW,,12\.00,1-2d,4,false,FBR,.*,"A,B",4$/);
  });
});
