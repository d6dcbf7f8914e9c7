import { Injectable } from '@nestjs/common';
import { SetStockDto, StockView } from '@oms/contracts';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { assertSku } from '../domain/sku';
import { StockRepository } from '../persistence/stock.repository';
import { toStockView } from '../stock-view.mapper';
import { lowStockEvents } from './stock-events';

/**
 * Sets the stock on hand of a SKU (creating it if new). The change goes into the ledger as an adjustment
 * of the difference, so on hand always equals the sum of movements. Refused when it would leave less on
 * hand than is already reserved, unless the SKU allows backorders.
 */
@Injectable()
export class SetStockCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly stock: StockRepository,
  ) {}

  async execute(sku: string, request: SetStockDto): Promise<StockView> {
    assertSku(sku);
    return this.unitOfWork.run(async (manager) => {
      const [existing] = (await this.stock.lockMany(manager, [sku])).values();
      const allowBackorder = request.allowBackorder ?? existing?.allowBackorder ?? false;
      if (existing && request.onHand < existing.reserved && !allowBackorder) {
        throw AppError.conflict(`${sku} has ${existing.reserved} units reserved; on hand cannot go below that.`);
      }
      const current = existing ?? (await this.stock.upsert(manager, { sku, onHand: 0, lowStockThreshold: 0, allowBackorder }));
      await this.stock.upsert(manager, {
        sku,
        onHand: current.onHand,
        lowStockThreshold: request.lowStockThreshold ?? current.lowStockThreshold,
        allowBackorder,
      });
      const delta = request.onHand - current.onHand;
      if (delta !== 0) {
        await this.stock.move(manager, 'adjustment', [{ sku, onHandDelta: delta, reservedDelta: 0 }], { reason: 'stock set' });
      }
      const after = (await this.stock.lockMany(manager, [sku])).get(sku)!;
      await enqueueEvents(manager, lowStockEvents(new Map([[sku, current]]), [after]));
      return toStockView(after);
    });
  }
}
