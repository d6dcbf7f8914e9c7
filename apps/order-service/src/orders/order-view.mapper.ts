import { ActivityView, OrderActionsView, OrderSummaryView, OrderView } from '@oms/contracts';
import { fromMinorUnits } from '@oms/money';
import { Activity, Order, OrderWithDetails } from './domain/order';
import { OrderStatuses } from './domain/order-statuses';
import { toPaymentSummaryView, toPaymentTransactionView, toRefundView } from '../payments/payment-view.mapper';

/** The one mapping from a stored order to what the API shows: minor units become decimals. */
export function toOrderView(order: OrderWithDetails, statuses: OrderStatuses, actions: OrderActionsView): OrderView {
  const money = (minor: number) => fromMinorUnits(minor, order.currency);
  return {
    id: order.id,
    uuid: order.id,
    orderNumber: order.orderNumber,
    currency: order.currency,
    customer: { id: order.customerId, email: order.customerEmail, fullName: order.customerFullName, phone: order.customerPhone, smsOptIn: order.customerSmsOptIn, locale: order.customerLocale },
    status: statuses.view('orderStatus', order.status),
    paymentStatus: statuses.view('paymentStatus', order.paymentStatus),
    shipmentStatus: statuses.view('shipmentStatus', order.shipmentStatus),
    inventoryStatus: order.inventoryStatus,
    items: order.items.map((item) => ({
      orderItemId: item.id,
      sku: item.sku,
      name: item.name,
      qty: item.qty,
      price: money(item.price),
      finalPrice: money(item.finalPrice),
      taxAmount: money(item.taxAmount),
      discountAmount: money(item.discountAmount),
      lineTotal: money(item.lineTotal),
      shippedQty: item.shippedQty,
      weight: item.weight,
      variantOptions: item.variantOptions,
    })),
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
    shippingMethod: order.shippingMethod,
    paymentMethod: order.paymentMethod,
    coupon: order.coupon,
    orderType: order.orderType,
    estimatedFulfillmentDate: order.estimatedFulfillmentDate,
    notes: order.notes,
    metadata: order.metadata,
    subTotal: money(order.subTotal),
    discountAmount: money(order.discountAmount),
    taxAmount: money(order.taxAmount),
    shippingFee: money(order.shippingFee),
    grandTotal: money(order.grandTotal),
    totalQty: order.totalQty,
    totalWeight: order.totalWeight,
    cancelReason: order.cancelReason,
    cancelPending: order.cancelPending,
    activities: order.activities.map(toActivityView),
    shipments: order.shipments.map((s) => ({ ...s, createdAt: new Date(s.createdAt).toISOString() })),
    payments: order.ledger.map(toPaymentTransactionView),
    refunds: order.refunds.map(toRefundView),
    payment: toPaymentSummaryView(order.ledger, order.currency),
    actions,
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  };
}

export const toActivityView = (activity: Activity): ActivityView => ({
  activityId: activity.id,
  type: activity.type,
  data: activity.data,
  message: activity.message,
  customerNotified: activity.customerNotified,
  author: activity.author,
  createdAt: new Date(activity.createdAt).toISOString(),
});

/** An order in a list: enough to find it, without items and activities. */
export function toOrderSummaryView(order: Order, statuses: OrderStatuses): OrderSummaryView {
  return {
    id: order.id,
    uuid: order.id,
    orderNumber: order.orderNumber,
    currency: order.currency,
    customer: { id: order.customerId, email: order.customerEmail, fullName: order.customerFullName },
    status: statuses.view('orderStatus', order.status),
    paymentStatus: statuses.view('paymentStatus', order.paymentStatus),
    shipmentStatus: statuses.view('shipmentStatus', order.shipmentStatus),
    inventoryStatus: order.inventoryStatus,
    grandTotal: fromMinorUnits(order.grandTotal, order.currency),
    totalQty: order.totalQty,
    createdAt: new Date(order.createdAt).toISOString(),
  };
}
