import { Controller, HttpCode, Inject, Param, Post, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PaymentRpc, PaymentWebhookEventDto, PaymentWebhookResult, PROVIDER_PATTERN, RpcMeta } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { currentCorrelationId, PUBLIC_ROUTE } from '@oms/platform';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, PathParam } from '../http/params';
import { Returns, view } from '../http/responses';
import { ORDER_SERVICE } from '../rpc/service-clients';
import { SIGNATURE_HEADER } from './signature';
import { SignatureGuard } from './signature.guard';

@ApiTags('webhooks')
@Controller('api/webhooks/payments')
@SetMetadata(PUBLIC_ROUTE, true) // authenticated by the signature instead of a token
export class PaymentWebhooksController {
  constructor(@Inject(ORDER_SERVICE) private readonly orders: RpcClient) {}

  @Post(':provider')
  @HttpCode(202)
  @UseGuards(SignatureGuard('PAYMENT_WEBHOOK_SECRETS', 'provider'))
  @ApiOperation({
    summary: 'A payment provider’s event, signed with HMAC-SHA256 (X-OMS-Signature: t=…,v1=…); applied once per event id, ' +
      '404 while the order is unknown (so the provider retries), 202 `rejected` when the ledger refuses it',
  })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true })
  @ApiBody(schemaRef(PaymentWebhookEventDto.name))
  @Returns(202, view('PaymentWebhookResult'), 'Applied, rejected (with the reason), or a repeat of an event seen before', [404])
  receive(@Param('provider', new PathParam('provider', PROVIDER_PATTERN)) provider: string, @ForwardedBody() body: unknown): Promise<PaymentWebhookResult> {
    const meta: RpcMeta = { correlationId: currentCorrelationId(), actor: { sub: `payment:${provider.toLowerCase()}`, role: 'admin' } };
    return this.orders.send(PaymentRpc.Webhook, { provider, event: body }, meta);
  }
}
