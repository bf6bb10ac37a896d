import type { BolOrder, BolOrderItem } from '../types.js';
import { bolTimestamp } from './runtime.js';
import type { BolSimulatorState, SimulatedBolOffer } from './state.js';

/**
 * An offer to add to the simulator (`addOffer`).
 *
 * @category Simulator
 */
export interface BolSimulatorOfferInput {
  ean: string;
  /** Unit price for quantity 1, euros. */
  price: number;
  stock?: number;
  offerId?: string;
  reference?: string;
  condition?: SimulatedBolOffer['condition']['name'];
  fulfilment?: 'FBR' | 'FBB';
  deliveryCode?: string;
  title?: string;
  managedByRetailer?: boolean;
  onHold?: boolean;
}

/**
 * An order to add to the simulator (`addOrder`): items of offers in the account.
 *
 * @category Simulator
 */
export interface BolSimulatorOrderInput {
  orderId?: string;
  items: { offerId: string; quantity: number; unitPrice?: number }[];
  pickupPoint?: boolean;
}

/** A new simulated offer. */
export function buildOffer(state: BolSimulatorState, input: BolSimulatorOfferInput, now: number): SimulatedBolOffer {
  return {
    offerId: input.offerId ?? `offer-${++state.sequence}`,
    ean: input.ean,
    ...(input.reference !== undefined ? { reference: input.reference } : {}),
    condition: { name: input.condition ?? 'NEW' },
    pricing: { bundlePrices: [{ quantity: 1, unitPrice: input.price }] },
    stock: { amount: input.stock ?? 0, managedByRetailer: input.managedByRetailer ?? true, updatedAt: now },
    fulfilment: {
      method: input.fulfilment ?? 'FBR',
      ...(input.fulfilment === 'FBB' ? {} : { deliveryCode: input.deliveryCode ?? '1-2d' }),
    },
    onHoldByRetailer: input.onHold ?? false,
    ...(input.title !== undefined ? { productTitle: input.title } : {}),
    mutatedAt: now,
  };
}

/** A new simulated order, prices from the offers unless given. */
export function buildOrder(
  state: BolSimulatorState,
  input: BolSimulatorOrderInput,
  now: number,
): BolOrder & { placedAt: number } {
  const placed = bolTimestamp(now);
  const orderItems: BolOrderItem[] = input.items.map((item) => {
    const offer = state.offers.get(item.offerId);
    if (!offer) throw new TypeError(`The simulator has no offer ${item.offerId}.`);
    const unitPrice =
      item.unitPrice ?? offer.pricing.bundlePrices.find((price) => price.quantity === 1)?.unitPrice ?? 1;
    return {
      orderItemId: String(2_000_000_000 + ++state.sequence),
      cancellationRequest: false,
      fulfilment: {
        method: offer.fulfilment.method,
        distributionParty: offer.fulfilment.method === 'FBB' ? 'BOL' : 'RETAILER',
        latestDeliveryDate: placed.slice(0, 10),
        timeFrameType: 'REGULAR',
      },
      offer: { offerId: offer.offerId, ...(offer.reference !== undefined ? { reference: offer.reference } : {}) },
      product: { ean: offer.ean, title: offer.productTitle ?? `Product ${offer.ean}` },
      quantity: item.quantity,
      quantityShipped: 0,
      quantityCancelled: 0,
      unitPrice,
      // Cents first: a float product of euros would not be exact.
      totalPrice: (Math.round(unitPrice * 100) * item.quantity) / 100,
      commission: 0,
      discounts: [],
      latestChangedDateTime: placed,
    };
  });
  const address = {
    salutation: 'UNKNOWN',
    firstName: 'Billie',
    surname: 'Jansen',
    streetName: 'Dorpstraat',
    houseNumber: '1',
    zipCode: '1111ZZ',
    city: 'Utrecht',
    countryCode: 'NL',
    email: 'billie@verkopen.bol.com',
  };
  return {
    orderId: input.orderId ?? `A${String(++state.sequence).padStart(9, '0')}`,
    pickupPoint: input.pickupPoint ?? false,
    orderPlacedDateTime: placed,
    shipmentDetails: { ...address, language: 'nl' } as BolOrder['shipmentDetails'],
    billingDetails: address,
    orderItems,
    placedAt: now,
  };
}
