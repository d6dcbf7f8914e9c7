import { Injectable } from '@nestjs/common';
import { AdjustStockDto, LIMITS, MovementView, RpcMeta } from '@oms/contracts';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { onceForKey } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { assertSku } from '../domain/sku';
import { StockRepository } from '../persistence/stock.repository';
import { toMovementView } from '../stock-view.mapper';
import { lowStockEvents } from './stock-events';

/**
 * Adds or removes units of a SKU with a reason (a count, damage, a delivery); refused below what is
 * reserved. Not idempotent by nature, so a retry with the same Idempotency-Key returns the first movement.
 */
@Injectable()
export class AdjustStockCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly stock: StockRepository,
  ) {}

  async execute(sku: string, request: AdjustStockDto, meta: RpcMeta): Promise<MovementView> {
    assertSku(sku);
    const idempotency = meta.idempotencyKey
      ? { scope: `inventory.adjust:${meta.actor.sub}`, key: meta.idempotencyKey, request: { sku, request } }
      : undefined;
    return this.unitOfWork.run((manager) => onceForKey(manager, idempotency, async () => {
      const before = await this.stock.lockMany(manager, [sku]);
      const level = before.get(sku);
      if (!level) throw AppError.notFound(`SKU ${sku} is not stocked; set its stock first.`);
      const onHand = level.onHand + request.delta;
      if (onHand > LIMITS.stockUnits) throw AppError.conflict(`${sku} has ${level.onHand} on hand; it can hold at most ${LIMITS.stockUnits}.`);
      if (!level.allowBackorder && onHand < level.reserved) {
        throw AppError.conflict(`${sku} has ${level.onHand} on hand and ${level.reserved} reserved; it cannot lose ${-request.delta}.`);
      }
      const [movement] = await this.stock.move(manager, 'adjustment', [{ sku, onHandDelta: request.delta, reservedDelta: 0 }], { reason: request.reason });
      await enqueueEvents(manager, lowStockEvents(before, [{ ...level, onHand }]));
      return toMovementView(movement);
    }));
  }
}
