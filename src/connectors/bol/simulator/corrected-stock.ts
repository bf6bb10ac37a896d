import type { BolSimulatorState, SimulatedBolOffer } from './state.js';

/**
 * An offer's corrected stock as bol.com documents it: "the amount in stock minus handled order
 * items and minus open order items", counting only orders placed after the last stock update
 * when the retailer manages the stock, and every open order otherwise.
 */
export function correctedStock(state: BolSimulatorState, offer: SimulatedBolOffer): number {
  let ordered = 0;
  for (const order of state.orders.values()) {
    const sinceUpdate = order.placedAt > offer.stock.updatedAt;
    if (offer.stock.managedByRetailer && !sinceUpdate) continue;
    for (const item of order.orderItems) {
      if (item.offer?.offerId !== offer.offerId) continue;
      ordered += offer.stock.managedByRetailer
        ? item.quantity - item.quantityCancelled
        : item.quantity - item.quantityShipped - item.quantityCancelled;
    }
  }
  return Math.max(0, offer.stock.amount - ordered);
}
