import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@oms/messaging';
import { ReleaseForOrderCommand } from './commands/release-for-order.command';
import { ReserveForOrderCommand } from './commands/reserve-for-order.command';
import { SetStockCommand } from './commands/set-stock.command';
import { OrderCanceledHandler, OrderPlacedHandler } from './events/order-events.handlers';
import { StockRepository } from './persistence/stock.repository';
import { GetStockQuery } from './queries/get-stock.query';
import { StockRpcController } from './rpc/stock.rpc-controller';

@Module({
  controllers: [StockRpcController],
  providers: [
    StockRepository,
    SetStockCommand,
    GetStockQuery,
    ReserveForOrderCommand,
    ReleaseForOrderCommand,
    OrderPlacedHandler,
    OrderCanceledHandler,
    eventConsumerProvider('inventory-service.events', [OrderPlacedHandler, OrderCanceledHandler]),
  ],
})
export class StockModule {}
