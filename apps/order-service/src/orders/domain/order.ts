import { ActivityType } from '@oms/contracts';
import { PaymentTransaction, Refund } from '../../payments/domain/payment';
import { PricedLine } from './order-totals';

export type InventoryStatus = 'reserving' | 'reserved' | 'failed' | 'released';

/** An order as stored. Amounts are integer minor units. */
export interface Order {
  id: string;
  orderNumber: string;
  currency: string;
  customerId: string | null;
  customerEmail: string;
  customerFullName: string;
  customerPhone: string | null;
  /** Texts about shipping go to `customerPhone`. */
  customerSmsOptIn: boolean;
  /** BCP 47 language of the customer's messages; null: the shop's default. */
  customerLocale: string | null;
  status: string;
  paymentStatus: string;
  shipmentStatus: string;
  inventoryStatus: InventoryStatus;
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
  canceledAt: Date | null;
  /** A cancel waits for the shipment service to confirm that nothing shipped (a semantic lock). */
  cancelPending: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderItem extends PricedLine {
  id: string;
  position: number;
  shippedQty: number;
}

/**
 * One entry of an order's history: what happened (`type`, with its facts in `data`) and how a person reads
 * it (`message`). Logic reads the type and data, never the message.
 */
export interface HistoryEntry {
  type: ActivityType;
  data: Record<string, unknown>;
  message: string;
  customerNotified: boolean;
  author: string;
}

export interface Activity extends HistoryEntry {
  id: string;
  createdAt: Date;
}

export interface OrderShipment {
  shipmentId: string;
  shipmentNumber: string;
  carrier: string;
  trackingNumber: string | null;
  status: string;
  items: { orderItemId: string; sku: string; qty: number }[];
  createdAt: Date;
}

export interface OrderWithDetails extends Order {
  items: OrderItem[];
  activities: Activity[];
  shipments: OrderShipment[];
  /** The payment ledger (refunds included), oldest first, and the refunds' details. */
  ledger: PaymentTransaction[];
  refunds: Refund[];
}
