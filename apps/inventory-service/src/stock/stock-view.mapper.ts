import { StockView } from '@oms/contracts';
import { StockRecord } from './persistence/stock.repository';

export const toStockView = (stock: StockRecord): StockView => ({
  sku: stock.sku,
  onHand: stock.onHand,
  reserved: stock.reserved,
  available: stock.onHand - stock.reserved,
  lowStockThreshold: stock.lowStockThreshold,
  allowBackorder: stock.allowBackorder,
  updatedAt: new Date(stock.updatedAt).toISOString(),
});
