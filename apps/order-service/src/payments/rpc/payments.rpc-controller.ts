import { MessagePattern } from '@nestjs/microservices';
import { CreateRefundDto, PaymentRpc, PaymentWebhookEventDto, RecentReconciliationsQueryDto, ReconcileSettlementDto, RecordPaymentDto, RpcMeta } from '@oms/contracts';
import { RpcArg, RpcCaller, RpcController, RpcInput } from '@oms/platform';
import { ReceivePaymentWebhookCommand } from '../commands/receive-payment-webhook.command';
import { ReconcileSettlementCommand } from '../commands/reconcile-settlement.command';
import { RecordPaymentCommand } from '../commands/record-payment.command';
import { RefundOrderCommand } from '../commands/refund-order.command';
import { GetReconciliationQuery } from '../queries/get-reconciliation.query';

/** RPC entry points of payments: thin, each hands the caller and the request to one use case. */
@RpcController()
export class PaymentsRpcController {
  constructor(
    private readonly recordPayment: RecordPaymentCommand,
    private readonly refundOrder: RefundOrderCommand,
    private readonly receiveWebhook: ReceivePaymentWebhookCommand,
    private readonly reconcileSettlement: ReconcileSettlementCommand,
    private readonly getReconciliation: GetReconciliationQuery,
  ) {}

  @MessagePattern(PaymentRpc.Record)
  record(@RpcArg('id') id: string, @RpcInput(RecordPaymentDto, 'payment') payment: RecordPaymentDto, @RpcCaller() meta: RpcMeta) {
    return this.recordPayment.execute(id, payment, meta);
  }

  @MessagePattern(PaymentRpc.Refund)
  refund(@RpcArg('id') id: string, @RpcInput(CreateRefundDto, 'refund') refund: CreateRefundDto, @RpcCaller() meta: RpcMeta) {
    return this.refundOrder.execute(id, refund, meta);
  }

  @MessagePattern(PaymentRpc.Webhook)
  webhook(@RpcArg('provider') provider: string, @RpcInput(PaymentWebhookEventDto, 'event') event: PaymentWebhookEventDto) {
    return this.receiveWebhook.execute(provider, event);
  }

  @MessagePattern(PaymentRpc.Reconcile)
  reconcile(@RpcInput(ReconcileSettlementDto, 'report') report: ReconcileSettlementDto, @RpcCaller() meta: RpcMeta) {
    return this.reconcileSettlement.execute(report, meta);
  }

  @MessagePattern(PaymentRpc.GetReconciliation)
  reconciliation(@RpcArg('id') id: string) {
    return this.getReconciliation.execute(id);
  }

  @MessagePattern(PaymentRpc.ListReconciliations)
  reconciliations(@RpcInput(RecentReconciliationsQueryDto, 'query') query: RecentReconciliationsQueryDto) {
    return this.getReconciliation.recent(query.limit ?? 20);
  }
}
