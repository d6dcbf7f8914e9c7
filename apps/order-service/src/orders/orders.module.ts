import { Module } from '@nestjs/common';
import { AddActivityCommand } from './commands/add-activity.command';
import { CancelOrderCommand } from './commands/cancel-order.command';
import { PlaceOrderCommand } from './commands/place-order.command';
import { UpdateOrderCommand } from './commands/update-order.command';
import { InventoryOutcomes } from './events/inventory-outcomes';
import { NotificationOutcomes } from './events/notification-outcomes';
import { ShipmentOutcomes } from './events/shipment-outcomes';
import { OrderServiceConfig } from '../config/order-service.config';
import { OrderAggregate } from './domain/order-aggregate';
import { OrderStatuses, readStatusConfig, validateStatusConfig } from './domain/order-statuses';
import statusConfig from './domain/order-statuses.json';
import { CancelOutcomes } from './persistence/cancel-outcomes';
import { OrderRepository } from './persistence/order.repository';
import { GetOrderQuery } from './queries/get-order.query';
import { ListOrdersQuery } from './queries/list-orders.query';
import { OrderStatusPageQuery } from './queries/order-status-page.query';
import { OrdersRpcController } from './rpc/orders.rpc-controller';
import { PaymentRepository } from '../payments/persistence/payment.repository';

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
    OrderStatusPageQuery,
    // the events the order service subscribes to (their @OnEvent methods)
    InventoryOutcomes,
    ShipmentOutcomes,
    NotificationOutcomes,
  ],
  exports: [OrderRepository, PaymentRepository, OrderStatuses, OrderAggregate],
})
export class OrdersModule {}
