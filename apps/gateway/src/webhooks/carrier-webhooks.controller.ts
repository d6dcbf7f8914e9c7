import { Controller, HttpCode, Inject, Param, Post, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CarrierTrackingUpdateDto, PROVIDER_PATTERN, RpcMeta, ShipmentRpc } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { currentCorrelationId, PUBLIC_ROUTE } from '@oms/platform';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, PathParam } from '../http/params';
import { Returns, view } from '../http/responses';
import { SHIPMENT_SERVICE } from '../rpc/service-clients';
import { SIGNATURE_HEADER } from './signature';
import { SignatureGuard } from './signature.guard';

@ApiTags('webhooks')
@Controller('api/webhooks/carriers')
@SetMetadata(PUBLIC_ROUTE, true) // authenticated by the signature instead of a token
export class CarrierWebhooksController {
  constructor(@Inject(SHIPMENT_SERVICE) private readonly shipments: RpcClient) {}

  @Post(':carrier')
  @HttpCode(202)
  @UseGuards(SignatureGuard('CARRIER_WEBHOOK_SECRETS', 'carrier'))
  @ApiOperation({ summary: 'A carrier’s tracking update, signed with HMAC-SHA256 (X-OMS-Signature: t=…,v1=…)' })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true })
  @ApiBody(schemaRef(CarrierTrackingUpdateDto.name))
  @Returns(202, view('ShipmentView'), 'The shipment after the update (stale and repeated updates are only recorded)', [404])
  receive(@Param('carrier', new PathParam('carrier', PROVIDER_PATTERN)) carrier: string, @ForwardedBody() body: unknown) {
    const meta: RpcMeta = { correlationId: currentCorrelationId(), actor: { sub: `carrier:${carrier.toLowerCase()}`, role: 'admin' } };
    return this.shipments.send(ShipmentRpc.CarrierUpdate, { carrier, update: body }, meta);
  }
}
