// Loaded on demand (a chunk of its own): class-validator and the API's own DTOs, so a form refuses
// exactly what the API would, with the same field names and messages, before anything is sent.
// the contracts are compiled with emitDecoratorMetadata (for Nest), so their decorators read Reflect metadata
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, STRICT_VALIDATION } from '@contracts/common/validation-errors';
import { LoginDto } from '@contracts/auth/login.dto';
import { AddActivityDto } from '@contracts/orders/order-queries.dto';
import { OrderStatusLookupDto } from '@contracts/orders/order-status-page';
import { CancelOrderDto, CreateShipmentDto, UpdateShipmentDto } from '@contracts/orders/shipment.dto';
import { CreateRefundDto, RecordPaymentDto } from '@contracts/payments/payment.dto';
import { AdjustStockDto, SetStockDto } from '@contracts/inventory/set-stock.dto';
import { CreateWebhookSubscriptionDto } from '@contracts/notifications/notification.dto';

export const DTOS = {
  LoginDto, AddActivityDto, OrderStatusLookupDto, CancelOrderDto, CreateShipmentDto, UpdateShipmentDto, CreateRefundDto, RecordPaymentDto,
  AdjustStockDto, SetStockDto, CreateWebhookSubscriptionDto,
};
export type DtoName = keyof typeof DTOS;

export async function check(name: DtoName, value: object) {
  return flattenValidationErrors(await validate(plainToInstance(DTOS[name] as new () => object, value), STRICT_VALIDATION));
}
