import { Injectable } from '@nestjs/common';
import { ListStockQueryDto, MovementView, Page, PageQueryDto, SKU_PATTERN, StockView, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { decodeCursor, toPage } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { assertSku } from '../domain/sku';
import { StockRepository } from '../persistence/stock.repository';
import { toMovementView, toStockView } from '../stock-view.mapper';

/** Stock levels by SKU, and a SKU's movements newest first; keyset pages. */
@Injectable()
export class ListStockQuery {
  constructor(private readonly stock: StockRepository) {}

  async stockLevels(query: ListStockQueryDto): Promise<Page<StockView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [afterSku] = (decodeCursor(query.cursor, ([sku, ...rest]) => typeof sku === 'string' && SKU_PATTERN.test(sku) && !rest.length) ?? []) as [string?];
    const rows = await this.stock.list({ lowStock: query.lowStock ?? false, limit: limit + 1, afterSku });
    return toPage(rows, limit, toStockView, (row) => [row.sku]);
  }

  async movements(sku: string, query: PageQueryDto): Promise<Page<MovementView>> {
    assertSku(sku);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [beforeId] = (decodeCursor(query.cursor, ([id, ...rest]) => typeof id === 'string' && /^\d{1,18}$/.test(id) && !rest.length) ?? []) as [string?];
    if (!(await this.stock.find(sku))) throw AppError.notFound(`SKU ${sku} is not stocked.`);
    const rows = await this.stock.movements(sku, { limit: limit + 1, beforeId });
    return toPage(rows, limit, toMovementView, (row) => [row.id]);
  }
}
