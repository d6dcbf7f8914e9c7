import { IsEmail, IsJWT, Matches, MaxLength } from 'class-validator';

/** The customer's signed link to the order page. */
export class OrderStatusLinkDto {
  /** The `token` of the link in the customer's message. */
  @IsJWT({ message: 'token must be the token of an order status link' }) token: string;
}

/** A customer finding its order without a link: the order number and the email it was placed with. */
export class OrderStatusLookupDto {
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'orderNumber must be an order number such as ORD-000123' }) orderNumber: string;
  @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
}

export const ORDER_PROGRESS_STEPS = ['confirmed', 'shipped', 'out_for_delivery', 'delivered'] as const;
export type OrderProgressStep = (typeof ORDER_PROGRESS_STEPS)[number];

/** A parcel as its recipient sees it. */
export interface ParcelView {
  shipmentNumber: string;
  carrier: string;
  trackingNumber: string | null;
  trackingUrl: string | null;
  status: string;
  items: { name: string; qty: number }[];
  history: { status: string; occurredAt: string }[];
}

/**
 * The customer's order page: progress, parcels, items and the updates meant for the customer — nothing
 * else of the order (no addresses, payments, internal notes or staff names).
 */
export interface OrderStatusPageView {
  orderNumber: string;
  placedAt: string;
  currency: string;
  grandTotal: number;
  /** How the order ended, or `in_progress`. */
  outcome: 'in_progress' | 'delivered' | 'canceled' | 'refunded';
  /** Why it was canceled or refunded. */
  reason: string | null;
  steps: { step: OrderProgressStep; done: boolean }[];
  items: { sku: string; name: string; qty: number; lineTotal: number }[];
  parcels: ParcelView[];
  updates: { message: string; at: string }[];
}
