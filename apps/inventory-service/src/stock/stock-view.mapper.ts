import { MovementView, StockView } from '@oms/contracts';
import { MovementRecord, StockRecord } from './persistence/stock.repository';

export const toStockView = (stock: StockRecord): StockView => ({
  sku: stock.sku,
  onHand: stock.onHand,
  reserved: stock.reserved,
  available: stock.onHand - stock.reserved,
  lowStockThreshold: stock.lowStockThreshold,
  allowBackorder: stock.allowBackorder,
  updatedAt: new Date(stock.updatedAt).toISOString(),
});

export const toMovementView = (movement: MovementRecord): MovementView => ({
  ...movement,
  createdAt: new Date(movement.createdAt).toISOString(),
});
