import { IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { DEVELOPMENT } from '@oms/platform';

export class GatewayConfig {
  @IsInt() @Min(1) @Max(65535) PORT = 3000;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @Matches(/^amqps?:\/\//) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** HS256 secret of the bearer tokens; the default is for a developer machine only. */
  @IsString() @MinLength(16) JWT_SECRET = DEVELOPMENT.JWT_SECRET;
  /** Tokens must carry `exp`, at most this far in the future. */
  @IsInt() @Min(60) @Max(31 * 86_400) JWT_MAX_LIFETIME_SECONDS = 86_400;
  /** Port of `/metrics` (Prometheus), apart from the public API port. */
  @IsInt() @Min(1) @Max(65535) METRICS_PORT = 9300;
  /** How long a REST call waits for the service behind it before answering 504. */
  @IsInt() @Min(100) @Max(120_000) RPC_TIMEOUT_MS = 5000;
  /** Carrier webhook secrets, `ups:secret1,dhl:secret2`; a carrier without one has no webhook. */
  @IsString() CARRIER_WEBHOOK_SECRETS = '';
  /** Payment provider webhook secrets, `stripe:secret1,adyen:secret2`; a provider without one has no webhook. */
  @IsString() PAYMENT_WEBHOOK_SECRETS = '';
  /** How old a webhook's signed timestamp may be (seconds), against replays. */
  @IsInt() @Min(30) @Max(3600) WEBHOOK_TOLERANCE_SECONDS = 300;
  @IsString() SERVICE_NAME = 'gateway';
}
