import { PaymentSummaryView, PaymentTransactionView, RefundView } from '../payments/payment.dto';

/** The order as the API returns it. Amounts are decimals at the currency's precision. */
export interface StatusView {
  code: string;
  name: string;
  badge: string;
  progress: string;
}

/** Every configured status per group, with its name, badge and progress. */
export interface OrderStatusCatalogueView {
  orderStatus: StatusView[];
  paymentStatus: StatusView[];
  shipmentStatus: StatusView[];
}

export interface OrderItemView {
  orderItemId: string;
  sku: string;
  name: string;
  qty: number;
  price: number;
  finalPrice: number;
  taxAmount: number;
  discountAmount: number;
  lineTotal: number;
  shippedQty: number;
  weight: number | null;
  variantOptions: Record<string, string> | null;
}

export interface OrderShipmentView {
  shipmentId: string;
  shipmentNumber: string;
  carrier: string;
  trackingNumber: string | null;
  status: string;
  items: { orderItemId: string; sku: string; qty: number }[];
  createdAt: string;
}

/** What an entry of an order's history records; `data` holds its facts (a reason, a shipment number, an amount). */
export const ACTIVITY_TYPES = [
  'order_placed', 'stock_reserved', 'reservation_failed', 'order_canceled', 'cancel_requested', 'cancel_refused', 'shipment_created',
  'shipment_updated', 'payment_recorded', 'payment_event_rejected', 'refund_recorded', 'status_changed', 'notes_updated', 'note',
  'notification_sent', 'notification_failed',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityView {
  activityId: string;
  type: ActivityType;
  data: Record<string, unknown>;
  message: string;
  customerNotified: boolean;
  author: string;
  createdAt: string;
}

/** What can be done to an order now, by the order service's rules (a button shown is an action allowed). */
export interface OrderActionsView {
  cancel: boolean;
  ship: boolean;
  refund: boolean;
}

export interface OrderView {
  id: string;
  uuid: string;
  orderNumber: string;
  currency: string;
  customer: { id: string | null; email: string; fullName: string; phone: string | null; smsOptIn: boolean; locale: string | null };
  status: StatusView;
  paymentStatus: StatusView;
  shipmentStatus: StatusView;
  inventoryStatus: 'reserving' | 'reserved' | 'failed' | 'released';
  items: OrderItemView[];
  shippingAddress: Record<string, unknown>;
  billingAddress: Record<string, unknown>;
  shippingMethod: string | null;
  paymentMethod: string;
  coupon: string | null;
  orderType: string;
  estimatedFulfillmentDate: string | null;
  notes: string | null;
  metadata: Record<string, unknown> | null;
  subTotal: number;
  discountAmount: number;
  taxAmount: number;
  shippingFee: number;
  grandTotal: number;
  totalQty: number;
  totalWeight: number | null;
  cancelReason: string | null;
  /** A cancel was requested and waits for the shipment service's answer. */
  cancelPending: boolean;
  activities: ActivityView[];
  shipments: OrderShipmentView[];
  /** The ledger: authorizations, captures, voids, failures and refunds, oldest first. */
  payments: PaymentTransactionView[];
  refunds: RefundView[];
  payment: PaymentSummaryView;
  actions: OrderActionsView;
  createdAt: string;
  updatedAt: string;
}
