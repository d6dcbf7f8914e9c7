import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@oms/messaging';
import { AddActivityCommand } from './commands/add-activity.command';
import { CancelOrderCommand } from './commands/cancel-order.command';
import { PlaceOrderCommand } from './commands/place-order.command';
import { UpdateOrderCommand } from './commands/update-order.command';
import { InventoryReservationFailedHandler, InventoryReservedHandler } from './events/inventory-outcome.handlers';
import {
  CancelAcknowledgedHandler, CancelRejectedHandler, ShipmentCreatedHandler, ShipmentStatusChangedHandler,
} from './events/shipment-outcome.handlers';
import { OrderServiceConfig } from '../config/order-service.config';
import { OrderAggregate } from './domain/order-aggregate';
import { OrderStatuses, readStatusConfig, validateStatusConfig } from './domain/order-statuses';
import statusConfig from './domain/order-statuses.json';
import { CancelOutcomes } from './persistence/cancel-outcomes';
import { OrderRepository } from './persistence/order.repository';
import { GetOrderQuery } from './queries/get-order.query';
import { ListOrdersQuery } from './queries/list-orders.query';
import { OrdersRpcController } from './rpc/orders.rpc-controller';
import { PaymentRepository } from '../payments/persistence/payment.repository';

/** Every event the order service subscribes to. */
const orderEventHandlers = [
  InventoryReservedHandler, InventoryReservationFailedHandler, CancelAcknowledgedHandler, CancelRejectedHandler, ShipmentCreatedHandler,
  ShipmentStatusChangedHandler,
];

@Module({
  controllers: [OrdersRpcController],
  providers: [
    {
      provide: OrderStatuses,
      inject: [OrderServiceConfig],
      useFactory: (config: OrderServiceConfig) =>
        new OrderStatuses(validateStatusConfig(config.ORDER_STATUSES_FILE ? readStatusConfig(config.ORDER_STATUSES_FILE) : statusConfig)),
    },
    { provide: OrderAggregate, inject: [OrderStatuses], useFactory: (statuses: OrderStatuses) => new OrderAggregate(statuses) },
    OrderRepository,
    // the order view shows the payment ledger, so its repository belongs to the order core
    PaymentRepository,
    PlaceOrderCommand,
    UpdateOrderCommand,
    AddActivityCommand,
    CancelOrderCommand,
    CancelOutcomes,
    GetOrderQuery,
    ListOrdersQuery,
    ...orderEventHandlers,
    eventConsumerProvider('order-service.events', orderEventHandlers),
  ],
  exports: [OrderRepository, PaymentRepository, OrderStatuses, OrderAggregate],
})
export class OrdersModule {}
