import { InboxRetentionIndex1734000000000, DeadLetters1734100000000 } from '@oms/messaging';
import { orderMigrations } from './orders/persistence/migrations';
import { PaymentLedger1733600000000 } from './payments/persistence/migrations/1733600000000-payment-ledger';

/** Every migration of the order database, oldest first. */
export const orderServiceMigrations = [...orderMigrations, PaymentLedger1733600000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000];
