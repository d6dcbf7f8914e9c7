import { LedgerEntryType, RefundedLine } from '@oms/contracts';

/** One stored ledger entry; amounts in minor units. */
export interface PaymentTransaction {
  id: string;
  orderId: string;
  type: LedgerEntryType;
  amount: number;
  currency: string;
  provider: string;
  reference: string;
  note: string | null;
  author: string;
  createdAt: Date;
}

export interface Refund {
  id: string;
  transaction: PaymentTransaction;
  reason: string;
  items: RefundedLine[];
}

/** An order's ledger entries, oldest first, and the details of its refunds. */
export interface Ledger {
  entries: PaymentTransaction[];
  refunds: Refund[];
}
