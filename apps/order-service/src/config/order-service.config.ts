import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@oms/platform';

export class OrderServiceConfig extends ServiceConfig {
  override PORT = 3001;
  protected get databaseSuffix() {
    return 'order';
  }
  override SERVICE_NAME = 'order-service';
  /** Order numbers are this prefix and a zero-padded database sequence: ORD-000042. */
  @Matches(/^[A-Za-z0-9-_]{0,16}$/) ORDER_NUMBER_PREFIX = 'ORD-';
  /** A status configuration file replacing the built-in one (same shape as orders/domain/order-statuses.json). */
  @IsOptional() @IsString() ORDER_STATUSES_FILE?: string = undefined;
  /** How long a cancel request waits for the shipment service's answer before answering 202. */
  @IsInt() @Min(0) @Max(30_000) CANCEL_WAIT_MS = 3000;
}
