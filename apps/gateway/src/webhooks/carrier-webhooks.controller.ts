import { Body, CanActivate, Controller, ExecutionContext, HttpCode, Inject, Injectable, Param, Post, RawBodyRequest, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CarrierTrackingUpdateDto, ProblemCodes, RpcMeta, ShipmentRpc } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { AppError, currentCorrelationId, PUBLIC_ROUTE } from '@oms/platform';
import { GatewayConfig } from '../config/gateway.config';
import { schemaRef } from '../http/openapi';
import { PathParam } from '../http/params';
import { SHIPMENT_SERVICE } from '../rpc/service-clients';
import { parseSecrets, SIGNATURE_HEADER, verifySignature } from './signature';

/** Checks a carrier webhook's HMAC signature before anything else runs (validation included). */
@Injectable()
class CarrierSignatureGuard implements CanActivate {
  private readonly secrets: Record<string, string>;

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {
    this.secrets = parseSecrets(config.CARRIER_WEBHOOK_SECRETS);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest<Request>>();
    const carrier = String(request.params.carrier ?? '').toLowerCase();
    const secret = this.secrets[carrier];
    if (!secret) throw AppError.notFound(`No webhook is configured for carrier ${carrier}.`);
    const check = verifySignature(secret, request.rawBody ?? Buffer.alloc(0), request.header(SIGNATURE_HEADER), this.config.WEBHOOK_TOLERANCE_SECONDS);
    if (!check.ok) throw new AppError(401, ProblemCodes.Unauthorized, `Invalid webhook signature: ${check.reason}.`);
    return true;
  }
}

@ApiTags('webhooks')
@Controller('api/webhooks/carriers')
@SetMetadata(PUBLIC_ROUTE, true) // authenticated by the signature instead of a token
export class CarrierWebhooksController {
  constructor(@Inject(SHIPMENT_SERVICE) private readonly shipments: RpcClient) {}

  @Post(':carrier')
  @HttpCode(202)
  @UseGuards(CarrierSignatureGuard)
  @ApiOperation({ summary: 'A carrier’s tracking update, signed with HMAC-SHA256 (X-OMS-Signature: t=…,v1=…)' })
  @ApiHeader({ name: SIGNATURE_HEADER, required: true })
  @ApiBody(schemaRef(CarrierTrackingUpdateDto.name))
  receive(@Param('carrier', new PathParam('carrier', /^[A-Za-z0-9_-]{1,50}$/)) carrier: string, @Body() body: CarrierTrackingUpdateDto) {
    const meta: RpcMeta = { correlationId: currentCorrelationId(), actor: { sub: `carrier:${carrier.toLowerCase()}`, role: 'admin' } };
    return this.shipments.send(ShipmentRpc.CarrierUpdate, { carrier, update: body }, meta);
  }
}
