import { MessagePattern, Payload } from '@nestjs/microservices';
import { PaymentRpc, RpcRequest } from '@oms/contracts';
import { RpcController } from '@oms/platform';
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
  record(@Payload() request: RpcRequest<{ id: string; payment: unknown }>) {
    return this.recordPayment.execute(String(request.data.id), request.data.payment, request.meta);
  }

  @MessagePattern(PaymentRpc.Refund)
  refund(@Payload() request: RpcRequest<{ id: string; refund: unknown }>) {
    return this.refundOrder.execute(String(request.data.id), request.data.refund, request.meta);
  }

  @MessagePattern(PaymentRpc.Webhook)
  webhook(@Payload() request: RpcRequest<{ provider: string; event: unknown }>) {
    return this.receiveWebhook.execute(String(request.data.provider), request.data.event);
  }

  @MessagePattern(PaymentRpc.Reconcile)
  reconcile(@Payload() request: RpcRequest<{ report: unknown }>) {
    return this.reconcileSettlement.execute(request.data.report, request.meta);
  }

  @MessagePattern(PaymentRpc.GetReconciliation)
  reconciliation(@Payload() request: RpcRequest<{ id: string }>) {
    return this.getReconciliation.execute(String(request.data.id));
  }
}
