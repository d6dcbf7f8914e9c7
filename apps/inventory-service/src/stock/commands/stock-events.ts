import { EventTypes, InventoryLowStockPayload, UNVERSIONED } from '@oms/contracts';
import { NewEvent } from '@oms/messaging';
import { available, crossesLowStock, StockLevel } from '../domain/reservation-plan';

/** `inventory.low_stock` for each SKU whose available stock crossed under its threshold with this change. */
export function lowStockEvents(before: Map<string, StockLevel>, after: StockLevel[]): NewEvent<InventoryLowStockPayload>[] {
  return after.flatMap((level) => {
    const previous = before.get(level.sku);
    if (!previous || !crossesLowStock(level.lowStockThreshold, available(previous), available(level))) return [];
    return [{
      type: EventTypes.InventoryLowStock,
      aggregateId: level.sku,
      aggregateVersion: UNVERSIONED,
      payload: { sku: level.sku, available: available(level), threshold: level.lowStockThreshold },
    }];
  });
}
