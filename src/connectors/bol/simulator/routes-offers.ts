import { invalid, json, problem } from './problems.js';
import { createOfferViolations, pricingViolations, stockViolations, updateOfferViolations } from './rules.js';
import { bolTimestamp, type BolSimulatorRuntime } from './runtime.js';
import type { SimulatedBolOffer } from './state.js';
import type { BolCondition, BolFulfilment, BolPricing } from '../types.js';

/** The export's columns, as bol.com's demo export shows them. */
const COLUMNS = [
  'offerId',
  'ean',
  'conditionName',
  'conditionCategory',
  'conditionComment',
  'bundlePricesPrice',
  'fulfilmentDeliveryCode',
  'stockAmount',
  'onHoldByRetailer',
  'fulfilmentType',
  'mutationDateTime',
  'referenceCode',
  'correctedStock',
];

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The offers export of the current state, as CSV. */
export function exportCsv(sim: BolSimulatorRuntime): string {
  const lines = [COLUMNS.join(',')];
  for (const offer of sim.state.offers.values()) {
    const price = offer.pricing.bundlePrices.find((entry) => entry.quantity === 1)?.unitPrice ?? 0;
    const row = [
      offer.offerId,
      offer.ean,
      offer.condition.name,
      offer.condition.category ?? (offer.condition.name === 'NEW' ? 'NEW' : 'SECONDHAND'),
      offer.condition.comment ?? '',
      price.toFixed(2),
      offer.fulfilment.deliveryCode ?? '',
      String(offer.stock.amount),
      String(offer.onHoldByRetailer),
      offer.fulfilment.method,
      bolTimestamp(offer.mutatedAt),
      offer.reference ?? '',
      String(sim.correctedStock(offer)),
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** An offer as `GET /offers/{offer-id}` answers it. */
export function offerJson(sim: BolSimulatorRuntime, offer: SimulatedBolOffer): Record<string, unknown> {
  return {
    offerId: offer.offerId,
    ean: offer.ean,
    ...(offer.reference !== undefined ? { reference: offer.reference } : {}),
    onHoldByRetailer: offer.onHoldByRetailer,
    ...(offer.unknownProductTitle !== undefined ? { unknownProductTitle: offer.unknownProductTitle } : {}),
    pricing: offer.pricing,
    stock: {
      amount: offer.stock.amount,
      correctedStock: sim.correctedStock(offer),
      managedByRetailer: offer.stock.managedByRetailer,
    },
    fulfilment: offer.fulfilment,
    store: {
      ...(offer.productTitle ? { productTitle: offer.productTitle } : {}),
      visible: offer.onHoldByRetailer ? [] : [{ countryCode: 'NL' }, { countryCode: 'BE' }],
    },
    condition: offer.condition,
    notPublishableReasons: [],
  };
}

/** The answers of the offers endpoints; `undefined` when the path is not theirs. */
export function offerRoute(
  sim: BolSimulatorRuntime,
  method: string,
  path: string,
  body: unknown,
): Response | undefined {
  const accepted = (status: ReturnType<BolSimulatorRuntime['createStatus']>) => json(sim.statusJson(status), 202);
  if (path === '/offers/export') {
    if (method !== 'POST') return undefined;
    const format = (body as { format?: unknown } | undefined)?.format;
    if (format !== 'CSV')
      return invalid([{ name: 'format', reason: 'Request contains invalid value(s): allowed values: CSV.' }]);
    const status = sim.createStatus({
      eventType: 'CREATE_OFFER_EXPORT',
      description: 'Create an offer export.',
      effect: () => {
        const reportId = sim.nextId('report');
        sim.state.exports.set(reportId, exportCsv(sim));
        status.entityId = reportId;
      },
    });
    return accepted(status);
  }
  const exported = /^\/offers\/export\/([^/]+)$/.exec(path);
  if (exported) {
    if (method !== 'GET') return undefined;
    const csv = sim.state.exports.get(decodeURIComponent(exported[1]!));
    if (csv === undefined) return problem(404, 'Not Found', 'No offer export with this report id.');
    return new Response(csv, { status: 200, headers: { 'content-type': 'text/csv' } });
  }
  if (path === '/offers') {
    if (method !== 'POST') return undefined;
    const violations = createOfferViolations(body);
    if (violations.length) return invalid(violations);
    const input = body as {
      ean: string;
      condition: BolCondition;
      reference?: string;
      onHoldByRetailer?: boolean;
      unknownProductTitle?: string;
      pricing: BolPricing;
      stock: { amount: number; managedByRetailer: boolean };
      fulfilment: BolFulfilment;
    };
    const status = sim.createStatus({
      eventType: 'CREATE_OFFER',
      description: `Create offer for EAN ${input.ean}.`,
      body,
      effect: () => {
        for (const existing of sim.state.offers.values()) {
          if (existing.ean === input.ean && existing.condition.name === input.condition.name)
            return `An offer for EAN ${input.ean} in condition ${input.condition.name} already exists.`;
        }
        const now = sim.clock.now();
        const offerId = sim.nextId('offer');
        sim.state.offers.set(offerId, {
          offerId,
          ean: input.ean,
          ...(input.reference !== undefined ? { reference: input.reference } : {}),
          condition: input.condition,
          pricing: structuredClone(input.pricing),
          stock: { amount: input.stock.amount, managedByRetailer: input.stock.managedByRetailer, updatedAt: now },
          fulfilment: input.fulfilment,
          onHoldByRetailer: input.onHoldByRetailer ?? false,
          ...(input.unknownProductTitle !== undefined ? { unknownProductTitle: input.unknownProductTitle } : {}),
          mutatedAt: now,
        });
        status.entityId = offerId;
      },
    });
    return accepted(status);
  }
  const match = /^\/offers\/([^/]+)(\/price|\/stock)?$/.exec(path);
  if (!match) return undefined;
  const offerId = decodeURIComponent(match[1]!);
  const offer = sim.state.offers.get(offerId);
  const part = match[2];
  if (!offer)
    return method === 'GET' || method === 'PUT' || method === 'DELETE'
      ? problem(404, 'Not Found', `Offer ${offerId} not found.`)
      : undefined;
  if (!part && method === 'GET') return json(offerJson(sim, offer));
  const touch = () => {
    offer.mutatedAt = sim.clock.now();
  };
  if (part === '/stock' && method === 'PUT') {
    const violations = stockViolations(body);
    if (violations.length) return invalid(violations);
    const { amount, managedByRetailer } = body as { amount: number; managedByRetailer: boolean };
    return accepted(
      sim.createStatus({
        eventType: 'UPDATE_OFFER_STOCK',
        entityId: offerId,
        description: `Update stock for offer with id ${offerId}.`,
        body,
        effect: () => {
          offer.stock = { amount, managedByRetailer, updatedAt: sim.clock.now() };
          touch();
        },
      }),
    );
  }
  if (part === '/price' && method === 'PUT') {
    const pricing = (body as { pricing?: unknown } | undefined)?.pricing;
    const violations = pricingViolations(pricing);
    if (violations.length) return invalid(violations);
    return accepted(
      sim.createStatus({
        eventType: 'UPDATE_OFFER_PRICE',
        entityId: offerId,
        description: `Update price for offer with id ${offerId}.`,
        body,
        effect: () => {
          offer.pricing = structuredClone(pricing as BolPricing);
          touch();
        },
      }),
    );
  }
  if (!part && method === 'PUT') {
    const violations = updateOfferViolations(body);
    if (violations.length) return invalid(violations);
    const input = body as {
      reference?: string;
      onHoldByRetailer?: boolean;
      unknownProductTitle?: string;
      fulfilment: BolFulfilment;
    };
    return accepted(
      sim.createStatus({
        eventType: 'UPDATE_OFFER',
        entityId: offerId,
        description: `Update offer with id ${offerId}.`,
        body,
        effect: () => {
          offer.fulfilment = input.fulfilment;
          if (input.reference !== undefined) offer.reference = input.reference;
          if (input.onHoldByRetailer !== undefined) offer.onHoldByRetailer = input.onHoldByRetailer;
          if (input.unknownProductTitle !== undefined) offer.unknownProductTitle = input.unknownProductTitle;
          touch();
        },
      }),
    );
  }
  if (!part && method === 'DELETE') {
    return accepted(
      sim.createStatus({
        eventType: 'DELETE_OFFER',
        entityId: offerId,
        description: `Delete offer with id ${offerId}.`,
        effect: () => {
          sim.state.offers.delete(offerId);
        },
      }),
    );
  }
  return undefined;
}
