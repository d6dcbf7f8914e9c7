import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { OrderRpc, OrderView, PaymentRpc, ShipmentRpc, ShipmentView, UUID_PATTERN } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { Roles } from '../../auth/roles';
import { orderRef, PathParam } from '../../http/params';
import { GraphqlContext, loadersOf, metaOf } from '../context';
import { MoneyScalar } from '../scalars';
import { Shipment } from '../shipments/shipment.types';
import { deliverable, shippingTarget } from '../shipments/shipping-target';
import { CreateShipmentInput, RecordPaymentInput, RefundItemInput, UpdateOrderShippingInput, UpdateOrderStatusInput } from './order.inputs';
import { Order } from './order.types';

const ID_ARG = { type: () => ID, description: 'The order’s uuid or order number.' } as const;
const shipmentRef = new PathParam('shipmentId', UUID_PATTERN, true);
const KEY_ARG = { type: () => String, nullable: true, description: 'Repeat a mutation with the same key and it is applied once (the Idempotency-Key header works too).' } as const;

/**
 * The order mutations, each one the RPC call of the REST route that does the same (the same checks,
 * the same conflicts); those that change an order answer the order as it is afterwards.
 */
@Resolver(() => Order)
export class OrderMutationsResolver {
  @Mutation(() => Order, { description: 'Set the payment or shipment status along the configured transitions, or the notes.' })
  updateOrderStatus(@Args('id', ID_ARG, orderRef) id: string, @Args('input') input: UpdateOrderStatusInput, @Context() context: GraphqlContext) {
    return this.changed(context, context.clients.orders.send<OrderView>(OrderRpc.Update, { id, changes: { ...input } }, metaOf(context)));
  }

  @Mutation(() => Order)
  updateOrderNotes(@Args('id', ID_ARG, orderRef) id: string, @Args('notes') notes: string, @Context() context: GraphqlContext) {
    return this.changed(context, context.clients.orders.send<OrderView>(OrderRpc.Update, { id, changes: { notes } }, metaOf(context)));
  }

  @Mutation(() => Order, { description: 'Cancel the order; `cancelPending` is true while the shipment service has not confirmed that nothing shipped.' })
  @Roles('admin', 'checkout', 'customer')
  async cancelOrder(@Args('id', ID_ARG, orderRef) id: string, @Args('reason', { type: () => String, nullable: true }) reason: string | undefined, @Context() context: GraphqlContext) {
    const { order } = await context.clients.orders.send<{ order: OrderView }>(OrderRpc.Cancel, { id, cancel: { reason } }, metaOf(context));
    return this.changed(context, Promise.resolve(order));
  }

  @Mutation(() => Order, { description: 'Refund some or all of what was captured (CONFLICT beyond it), optionally per item and restocking.' })
  async refundOrder(
    @Args('id', ID_ARG, orderRef) id: string,
    @Args('amount', { type: () => MoneyScalar }) amount: number,
    @Args('reason') reason: string,
    @Args('items', { type: () => [RefundItemInput], nullable: true }) items: RefundItemInput[] | undefined,
    @Args('idempotencyKey', KEY_ARG) idempotencyKey: string | undefined,
    @Context() context: GraphqlContext,
  ) {
    const refund = { amount, reason, ...(items ? { items: items.map((item) => ({ ...item })) } : {}) };
    await context.clients.orders.send(PaymentRpc.Refund, { id, refund }, metaOf(context, idempotencyKey));
    return this.reloaded(id, context);
  }

  @Mutation(() => Order, { description: 'Record an authorization, capture, void or failure; the payment status follows the ledger.' })
  async recordPayment(
    @Args('id', ID_ARG, orderRef) id: string,
    @Args('input') input: RecordPaymentInput,
    @Args('idempotencyKey', KEY_ARG) idempotencyKey: string | undefined,
    @Context() context: GraphqlContext,
  ) {
    await context.clients.orders.send(PaymentRpc.Record, { id, payment: { ...input } }, metaOf(context, idempotencyKey));
    return this.reloaded(id, context);
  }

  @Mutation(() => Shipment, { description: 'Ship some or all of what is left (CONFLICT over-shipping, canceled, or stock not reserved).' })
  createShipment(
    @Args('id', ID_ARG, orderRef) id: string,
    @Args('input') input: CreateShipmentInput,
    @Args('idempotencyKey', KEY_ARG) idempotencyKey: string | undefined,
    @Context() context: GraphqlContext,
  ) {
    const shipment = { ...input, ...(input.items ? { items: input.items.map((item) => ({ ...item })) } : {}) };
    return context.clients.shipments.send<ShipmentView>(ShipmentRpc.Create, { orderId: id, shipment }, metaOf(context, idempotencyKey));
  }

  @Mutation(() => Order, { description: 'Change the carrier and tracking, or ship what is left with them: see UpdateOrderShippingInput.' })
  async updateOrderShipping(
    @Args('id', ID_ARG, orderRef) id: string,
    @Args('input') input: UpdateOrderShippingInput,
    @Args('idempotencyKey', KEY_ARG) idempotencyKey: string | undefined,
    @Context() context: GraphqlContext,
  ) {
    const { shipmentId, service, notifyCustomer, ...tracking } = input;
    const { order, shipments } = await this.withShipments(id, context);
    const target = shippingTarget(order, shipments, shipmentId);
    if (target.create) {
      if (!tracking.carrier) throw AppError.validation([{ field: 'input.carrier', message: 'carrier is required to ship what is left of the order' }]);
      const shipment = { ...tracking, ...(service ? { note: service } : {}), ...(notifyCustomer === undefined ? {} : { notifyCustomer }) };
      await context.clients.shipments.send(ShipmentRpc.Create, { orderId: order.id, shipment }, metaOf(context, idempotencyKey));
    } else {
      await this.updateShipment(order.id, target.shipment.shipmentId, tracking, context);
    }
    return this.reloaded(order.id, context);
  }

  @Mutation(() => Order, { description: 'Set the tracking number, on the same shipment updateOrderShipping would choose.' })
  addOrderTracking(
    @Args('id', ID_ARG, orderRef) id: string,
    @Args('tracking') trackingNumber: string,
    @Args('carrier', { type: () => String, nullable: true, description: 'Needed when this ships what is left of the order.' }) carrier: string | undefined,
    @Args('shipmentId', { type: () => ID, nullable: true }, shipmentRef) shipmentId: string | undefined,
    @Args('idempotencyKey', KEY_ARG) idempotencyKey: string | undefined,
    @Context() context: GraphqlContext,
  ) {
    return this.updateOrderShipping(id, { trackingNumber, carrier, shipmentId }, idempotencyKey, context);
  }

  @Mutation(() => Order, { description: 'Mark the named shipment, or every shipment still on its way, delivered.' })
  async markOrderDelivered(
    @Args('id', ID_ARG, orderRef) id: string,
    @Args('shipmentId', { type: () => ID, nullable: true }, shipmentRef) shipmentId: string | undefined,
    @Context() context: GraphqlContext,
  ) {
    const { order, shipments } = await this.withShipments(id, context);
    for (const shipment of deliverable(order, shipments, shipmentId)) {
      await this.updateShipment(order.id, shipment.shipmentId, { status: 'delivered' }, context);
    }
    return this.reloaded(order.id, context);
  }

  private updateShipment(orderId: string, shipmentId: string, changes: Record<string, unknown>, context: GraphqlContext) {
    return context.clients.shipments.send(ShipmentRpc.Update, { orderId, shipmentId, changes }, metaOf(context));
  }

  private async withShipments(id: string, context: GraphqlContext) {
    const order = await context.clients.orders.send<OrderView>(OrderRpc.Get, { id }, metaOf(context));
    const { items } = await context.clients.shipments.send<{ items: ShipmentView[] }>(ShipmentRpc.List, { orderId: order.id }, metaOf(context));
    return { order, shipments: items };
  }

  private reloaded(id: string, context: GraphqlContext) {
    return this.changed(context, context.clients.orders.send<OrderView>(OrderRpc.Get, { id }, metaOf(context)));
  }

  /** The order after a change, in place of anything the operation loaded of it before. */
  private async changed(context: GraphqlContext, result: Promise<OrderView>): Promise<OrderView> {
    const order = await result;
    loadersOf(context).orders.clear(order.id).prime(order.id, order);
    loadersOf(context).shipments.clear(order.id);
    return order;
  }
}
