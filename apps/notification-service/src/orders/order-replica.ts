import { OrderPlacedLine, OrderTotals } from '@oms/contracts';

/** What the notification service keeps of each order, from `order.placed`: enough to write to the customer. */
export interface OrderReplica {
  orderId: string;
  orderNumber: string;
  customerEmail: string;
  customerName: string;
  /** E.164; texts go there only when `smsOptIn`. */
  customerPhone: string | null;
  smsOptIn: boolean;
  locale: string | null;
  currency: string;
  lines: OrderPlacedLine[];
  /** Null for orders placed by an older order service, which announced the grand total only. */
  totals: OrderTotals | null;
  grandTotal: number;
  shippingAddress: Record<string, unknown>;
  billingAddress: Record<string, unknown> | null;
}
