import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO4217CurrencyCode, IsNotEmpty, IsNumber, IsOptional,
  IsString, IsUUID, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IsApiDate } from '../common/api-date';
import { LIMITS } from '../common/limits';
import { DECIMAL_AMOUNT } from '../common/patterns';
import { NestedObjects } from '../common/shapes';

/** Provider names as they appear in paths and settings: `stripe`, `adyen`, `paypal`. */
export const PROVIDER_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;

/** What a payment provider reports about money for an order, as recorded on the order's ledger. */
export const PAYMENT_TRANSACTION_TYPES = ['authorization', 'capture', 'void', 'failure'] as const;
export type PaymentTransactionType = (typeof PAYMENT_TRANSACTION_TYPES)[number];
/** Every kind of ledger entry: the payment transactions and the refunds. */
export const LEDGER_ENTRY_TYPES = [...PAYMENT_TRANSACTION_TYPES, 'refund'] as const;
export type LedgerEntryType = PaymentTransactionType | 'refund';

export class RecordPaymentDto {
  @IsIn(PAYMENT_TRANSACTION_TYPES) type: PaymentTransactionType;
  /** For a failure, the amount that was attempted (may be 0). */
  @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) amount: number;
  /** Must be the order's currency; defaults to it. */
  @IsOptional() @IsISO4217CurrencyCode() currency?: string;
  @Matches(PROVIDER_PATTERN) provider: string;
  /** The provider's id of this transaction; (provider, type, reference) is recorded once. */
  @IsString() @IsNotEmpty() @MaxLength(200) reference: string;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RefundItemDto {
  @IsUUID() orderItemId: string;
  @IsInt() @Min(1) @Max(LIMITS.lineQty) qty: number;
  /** Put the units back on hand (only units that shipped can come back). */
  @IsBoolean() restock: boolean;
}

export class CreateRefundDto {
  @IsNumber(DECIMAL_AMOUNT) @Max(LIMITS.amount) amount: number;
  @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @NestedObjects(() => RefundItemDto) items?: RefundItemDto[];
  /** Defaults to the provider that captured the money. */
  @IsOptional() @Matches(PROVIDER_PATTERN) provider?: string;
  /** The provider's refund id; defaults to the refund's own id. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) reference?: string;
}

/** The body of a payment provider's signed webhook: one event, delivered at least once. */
export class PaymentWebhookEventDto {
  /** The provider's event id: an event is applied once, however often it is delivered. */
  @IsString() @IsNotEmpty() @MaxLength(200) id: string;
  @IsIn(LEDGER_ENTRY_TYPES) type: LedgerEntryType;
  /** The order's number (or uuid), as the checkout passed it to the provider. */
  @IsString() @IsNotEmpty() @MaxLength(100) orderNumber: string;
  @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) amount: number;
  @IsISO4217CurrencyCode() currency: string;
  @IsString() @IsNotEmpty() @MaxLength(200) reference: string;
  @IsApiDate() occurredAt: string;
  /** Why, for a refund or a failure. */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** Money movements a settlement report lists. */
export const SETTLEMENT_TYPES = ['capture', 'refund'] as const;

export class SettlementRowDto {
  @IsString() @IsNotEmpty() @MaxLength(200) reference: string;
  @IsString() @IsNotEmpty() @MaxLength(100) orderNumber: string;
  @IsIn(SETTLEMENT_TYPES) type: (typeof SETTLEMENT_TYPES)[number];
  @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) amount: number;
  @IsISO4217CurrencyCode() currency: string;
  @IsOptional() @IsNumber(DECIMAL_AMOUNT) @Min(0) @Max(LIMITS.amount) fee?: number;
  @IsApiDate() settledAt: string;
}

/**
 * A settlement report to reconcile. Every row is matched against the ledger; with `from`/`to`, every
 * capture and refund the ledger recorded in that window (of `provider`, when given) must be in the report.
 */
export class ReconcileSettlementDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(LIMITS.settlementRows) @NestedObjects(() => SettlementRowDto) rows: SettlementRowDto[];
  @IsOptional() @Matches(PROVIDER_PATTERN) provider?: string;
  @IsOptional() @IsApiDate() from?: string;
  @IsOptional() @IsApiDate() to?: string;
}

/** The latest reconciliation runs. */
export class RecentReconciliationsQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class ReconciliationQueryDto {
  @IsOptional() @Matches(PROVIDER_PATTERN) provider?: string;
  @IsOptional() @IsApiDate() from?: string;
  @IsOptional() @IsApiDate() to?: string;
}

export interface PaymentTransactionView {
  transactionId: string;
  type: LedgerEntryType;
  amount: number;
  currency: string;
  provider: string;
  reference: string;
  note: string | null;
  author: string;
  createdAt: string;
}

export interface RefundView {
  refundId: string;
  amount: number;
  currency: string;
  reason: string;
  provider: string;
  reference: string;
  items: { orderItemId: string; sku: string; qty: number; restock: boolean }[];
  author: string;
  createdAt: string;
}

/** What the ledger adds up to, in the order's currency. */
export interface PaymentSummaryView {
  /** Held by authorizations and neither captured nor voided yet. */
  authorized: number;
  captured: number;
  refunded: number;
  /** Captured and not refunded yet: the most a refund may be. */
  refundable: number;
}

export interface PaymentWebhookResult {
  eventId: string;
  /** The event was received before; nothing was applied again. */
  duplicate: boolean;
  /** `rejected` when the ledger refused it (the reason is recorded on the order too). */
  outcome: 'applied' | 'rejected';
  detail: string | null;
}

export const DISCREPANCY_KINDS = [
  'missing_in_ledger', 'missing_in_report', 'amount_mismatch', 'currency_mismatch', 'status_mismatch', 'order_mismatch', 'duplicate',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface DiscrepancyView {
  kind: DiscrepancyKind;
  reference: string;
  orderNumber: string | null;
  /** What the ledger says, and what the report says (amounts as decimals, types as names, null when absent). */
  expected: string | number | null;
  actual: string | number | null;
}

export interface ReconciliationView {
  id: string;
  provider: string | null;
  from: string | null;
  to: string | null;
  summary: {
    rows: number;
    matched: number;
    discrepancies: number;
    byKind: Partial<Record<DiscrepancyKind, number>>;
    /** Per currency: captures less refunds, fees, and what is paid out. */
    totals: { currency: string; gross: number; fees: number; net: number }[];
  };
  discrepancies: DiscrepancyView[];
  author: string;
  createdAt: string;
}
