import { Module } from '@nestjs/common';
import { AdjustStockCommand } from './commands/adjust-stock.command';
import { ReleaseForOrderCommand } from './commands/release-for-order.command';
import { ReserveForOrderCommand } from './commands/reserve-for-order.command';
import { RestockForRefundCommand } from './commands/restock-for-refund.command';
import { ReverseSaleCommand } from './commands/reverse-sale.command';
import { SellForShipmentCommand } from './commands/sell-for-shipment.command';
import { SetStockCommand } from './commands/set-stock.command';
import { StockRepository } from './persistence/stock.repository';
import { GetStockQuery } from './queries/get-stock.query';
import { ListStockQuery } from './queries/list-stock.query';
import { StockRpcController } from './rpc/stock.rpc-controller';

@Module({
  controllers: [StockRpcController],
  providers: [
    StockRepository,
    SetStockCommand,
    AdjustStockCommand,
    GetStockQuery,
    ListStockQuery,
    ReserveForOrderCommand,
    ReleaseForOrderCommand,
    SellForShipmentCommand,
    RestockForRefundCommand,
    // these five apply the events inventory subscribes to (their @OnEvent methods)
    ReverseSaleCommand,
  ],
})
export class StockModule {}
