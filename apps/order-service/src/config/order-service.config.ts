import { Matches } from 'class-validator';
import { ServiceConfig } from '@oms/platform';

export class OrderServiceConfig extends ServiceConfig {
  override PORT = 3001;
  override DATABASE_NAME = 'oms_order';
  override SERVICE_NAME = 'order-service';
  /** Order numbers are this prefix and a zero-padded database sequence: ORD-000042. */
  @Matches(/^[A-Za-z0-9-_]{0,16}$/) ORDER_NUMBER_PREFIX = 'ORD-';
}
