import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { LedgerWriter } from './commands/ledger-writer';
import { ReceivePaymentWebhookCommand } from './commands/receive-payment-webhook.command';
import { ReconcileSettlementCommand } from './commands/reconcile-settlement.command';
import { RecordPaymentCommand } from './commands/record-payment.command';
import { RefundOrderCommand } from './commands/refund-order.command';
import { GetReconciliationQuery } from './queries/get-reconciliation.query';
import { PaymentsRpcController } from './rpc/payments.rpc-controller';

/** Payment transactions, refunds, provider webhooks and settlement reconciliation of orders. */
@Module({
  imports: [OrdersModule],
  controllers: [PaymentsRpcController],
  providers: [LedgerWriter, RecordPaymentCommand, RefundOrderCommand, ReceivePaymentWebhookCommand, ReconcileSettlementCommand, GetReconciliationQuery],
})
export class PaymentsModule {}
