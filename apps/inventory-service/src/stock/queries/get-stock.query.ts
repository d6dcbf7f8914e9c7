import { Injectable } from '@nestjs/common';
import { StockView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { StockRepository } from '../persistence/stock.repository';
import { toStockView } from '../stock-view.mapper';

@Injectable()
export class GetStockQuery {
  constructor(private readonly stock: StockRepository) {}

  async execute(sku: string): Promise<StockView> {
    const stock = await this.stock.find(sku);
    if (!stock) throw AppError.notFound(`SKU ${sku} is not stocked.`);
    return toStockView(stock);
  }
}
