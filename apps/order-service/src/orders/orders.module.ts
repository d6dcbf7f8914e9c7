import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@oms/messaging';
import { AddActivityCommand } from './commands/add-activity.command';
import { PlaceOrderCommand } from './commands/place-order.command';
import { UpdateOrderCommand } from './commands/update-order.command';
import { InventoryReservationFailedHandler, InventoryReservedHandler } from './events/inventory-outcome.handlers';
import { OrderStatuses, validateStatusConfig } from './domain/order-statuses';
import statusConfig from './domain/order-statuses.json';
import { OrderRepository } from './persistence/order.repository';
import { GetOrderQuery } from './queries/get-order.query';
import { ListOrdersQuery } from './queries/list-orders.query';
import { OrdersRpcController } from './rpc/orders.rpc-controller';

@Module({
  controllers: [OrdersRpcController],
  providers: [
    { provide: OrderStatuses, useFactory: () => new OrderStatuses(validateStatusConfig(statusConfig)) },
    OrderRepository,
    PlaceOrderCommand,
    UpdateOrderCommand,
    AddActivityCommand,
    GetOrderQuery,
    ListOrdersQuery,
    InventoryReservedHandler,
    InventoryReservationFailedHandler,
    eventConsumerProvider('order-service.events', [InventoryReservedHandler, InventoryReservationFailedHandler]),
  ],
})
export class OrdersModule {}
