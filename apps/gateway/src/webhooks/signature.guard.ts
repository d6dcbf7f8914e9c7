import { CanActivate, ExecutionContext, Inject, Injectable, RawBodyRequest, Type } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemCodes } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { GatewayConfig } from '../config/gateway.config';
import { parseSecrets, SIGNATURE_HEADER, verifySignature } from './signature';

type SecretsSetting = 'CARRIER_WEBHOOK_SECRETS' | 'PAYMENT_WEBHOOK_SECRETS';

/**
 * A guard that checks a webhook's HMAC signature before anything else runs (validation included), with
 * the secret configured in `setting` for the sender named by the path parameter `param`.
 */
export function SignatureGuard(setting: SecretsSetting, param: 'carrier' | 'provider'): Type<CanActivate> {
  @Injectable()
  class WebhookSignatureGuard implements CanActivate {
    private readonly secrets: Map<string, string>;

    constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {
      this.secrets = parseSecrets(config[setting]);
    }

    canActivate(context: ExecutionContext): boolean {
      const request = context.switchToHttp().getRequest<RawBodyRequest<Request>>();
      const sender = String(request.params[param] ?? '').toLowerCase();
      const secret = this.secrets.get(sender);
      if (!secret) throw AppError.notFound(`No webhook is configured for ${param} ${sender}.`);
      const check = verifySignature(secret, request.rawBody ?? Buffer.alloc(0), request.header(SIGNATURE_HEADER), this.config.WEBHOOK_TOLERANCE_SECONDS);
      if (!check.ok) throw new AppError(401, ProblemCodes.Unauthorized, `Invalid webhook signature: ${check.reason}.`);
      return true;
    }
  }
  return WebhookSignatureGuard;
}
