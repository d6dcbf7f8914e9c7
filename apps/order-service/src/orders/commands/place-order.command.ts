import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { OrderView, PlaceOrderDto, ProblemCodes, RpcMeta } from '@oms/contracts';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { onceForKey } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { OrderServiceConfig } from '../../config/order-service.config';
import { OrderItem } from '../domain/order';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderStatuses } from '../domain/order-statuses';
import { priceOrder } from '../domain/order-totals';
import { OrderRepository } from '../persistence/order.repository';
import { toOrderView } from '../order-view.mapper';

/**
 * Places an order: validates and prices it, then in one transaction (shared with the orders placed at
 * the same moment) stores it with its number, items and activity (one statement) and the `order.placed`
 * outbox row. Inventory answers with reserved or reservation_failed.
 */
@Injectable()
export class PlaceOrderCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
    private readonly aggregate: OrderAggregate,
    @Inject(OrderServiceConfig) private readonly config: OrderServiceConfig,
  ) {}

  async execute(request: PlaceOrderDto, meta: RpcMeta): Promise<OrderView> {
    // prices come from the shop: only staff and the storefront's back end (checkout) place orders
    if (meta.actor.role === 'customer') throw new AppError(403, ProblemCodes.Forbidden, 'Customers cannot place orders; the shop’s checkout does.');
    const totals = priceOrder(request);
    const idempotency = meta.idempotencyKey
      ? { scope: `orders.place:${meta.actor.sub}`, key: meta.idempotencyKey, request }
      : undefined;

    // orders placed at the same time commit together (group commit): one BEGIN/COMMIT for many
    return this.unitOfWork.runTogether((manager) =>
      onceForKey(manager, idempotency, async () => {
        const now = new Date();
        const order = this.aggregate.place({
          id: randomUUID(),
          orderNumber: '', // from the sequence, as the order is stored
          currency: request.currency,
          customerId: request.customer.id ?? null,
          customerEmail: request.customer.email.toLowerCase(),
          customerFullName: request.customer.fullName,
          customerPhone: request.customer.phone ?? null,
          customerSmsOptIn: request.customer.smsOptIn ?? false,
          customerLocale: request.customer.locale ?? null,
          shippingAddress: { ...request.shippingAddress },
          billingAddress: { ...request.billingAddress },
          shippingMethod: request.shippingMethod ?? null,
          paymentMethod: request.paymentMethod,
          coupon: request.coupon ?? null,
          orderType: request.orderType ?? 'regular',
          estimatedFulfillmentDate: request.estimatedFulfillmentDate ?? null,
          notes: request.notes ?? null,
          metadata: request.metadata ?? null,
          subTotal: totals.subTotal,
          discountAmount: totals.discountAmount,
          taxAmount: totals.taxAmount,
          shippingFee: totals.shippingFee,
          grandTotal: totals.grandTotal,
          totalQty: totals.totalQty,
          totalWeight: totals.totalWeight,
          cancelReason: null,
          canceledAt: null,
          createdAt: now,
          updatedAt: now,
          items: totals.lines.map((line, position): OrderItem => ({ ...line, id: randomUUID(), position, shippedQty: 0 })),
          activities: [],
          shipments: [],
          ledger: [],
          refunds: [],
        });
        const activityId = randomUUID();
        order.orderNumber = await this.orders.insertPlaced(manager, order, order.items, {
          activityId, author: meta.actor.sub, numberPrefix: this.config.ORDER_NUMBER_PREFIX,
        });
        const { history, events } = this.aggregate.placed(order, meta.actor.sub);
        order.activities.push({ ...history, id: activityId, createdAt: now });
        await enqueueEvents(manager, events);
        return toOrderView(order, this.statuses, this.aggregate.actions(order));
      }),
    );
  }
}
