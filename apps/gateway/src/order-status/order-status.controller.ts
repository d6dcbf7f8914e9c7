import { Body, Controller, HttpCode, Inject, Post, Req, SetMetadata } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import {
  OrderRpc, OrderStatusLinkDto, OrderStatusLookupDto, OrderStatusPageView, ProblemCodes, RpcMeta, ShipmentRpc, ShipmentView,
} from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { AppError, currentCorrelationId, hmacKey, PUBLIC_ROUTE, verifyOrderStatusToken } from '@oms/platform';
import { LoginThrottle } from '../auth/login-throttle';
import { GatewayConfig } from '../config/gateway.config';
import { schemaRef } from '../http/openapi';
import { Returns, view } from '../http/responses';
import { ORDER_SERVICE, SHIPMENT_SERVICE } from '../rpc/service-clients';
import { toParcels } from './parcels';

/** The page's own calls to the services: it acts for nobody but the holder of the link. */
const PAGE_ACTOR = { sub: 'order-status-page', role: 'admin' } as const;

/**
 * The customer's order page, without signing in: by the signed, expiring link of a message, or by order
 * number plus email (failed lookups are throttled per client address, against guessing). Both answer the
 * same narrow view; POST keeps the token and the email out of URLs and access logs.
 */
@ApiTags('order status page')
@Controller('api/order-status')
@SetMetadata(PUBLIC_ROUTE, true)
export class OrderStatusController {
  private readonly linkKey: KeyObject;
  private readonly lookups: LoginThrottle;

  constructor(
    @Inject(ORDER_SERVICE) private readonly orders: RpcClient,
    @Inject(SHIPMENT_SERVICE) private readonly shipments: RpcClient,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.linkKey = hmacKey(config.ORDER_LINK_SECRET);
    this.lookups = new LoginThrottle(config.LOGIN_MAX_FAILURES, config.LOGIN_WINDOW_SECONDS * 1000);
  }

  @Post('by-link')
  @HttpCode(200)
  @ApiOperation({ summary: 'The order of a signed status link; 401 when the link is forged or expired' })
  @ApiBody(schemaRef(OrderStatusLinkDto.name))
  @Returns(200, view('OrderStatusPageView'), 'What the customer sees of the order', [404])
  async byLink(@Body() body: OrderStatusLinkDto): Promise<OrderStatusPageView> {
    const orderId = verifyOrderStatusToken(body.token, this.linkKey);
    if (!orderId) throw new AppError(401, ProblemCodes.Unauthorized, 'This link is not valid or has expired; look the order up by its number and your email.');
    return this.page(OrderRpc.StatusPage, { id: orderId });
  }

  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'The order with this number and email; 404 for any mismatch, 429 after too many' })
  @ApiBody(schemaRef(OrderStatusLookupDto.name))
  @Returns(200, view('OrderStatusPageView'), 'What the customer sees of the order', [404, 429])
  async lookup(@Body() body: OrderStatusLookupDto, @Req() request: Request): Promise<OrderStatusPageView> {
    const key = request.ip ?? 'unknown';
    this.lookups.assertAllowed([key], 'lookups that found nothing');
    try {
      return await this.page(OrderRpc.StatusLookup, { lookup: body });
    } catch (error) {
      if (error instanceof AppError && error.status === 404) this.lookups.fail(key);
      throw error;
    }
  }

  private async page(pattern: string, data: object): Promise<OrderStatusPageView> {
    const meta: RpcMeta = { correlationId: currentCorrelationId(), actor: PAGE_ACTOR };
    const page = await this.orders.send<Omit<OrderStatusPageView, 'parcels'>>(pattern, data, meta);
    const { items } = await this.shipments.send<{ items: ShipmentView[] }>(ShipmentRpc.List, { orderId: page.orderNumber }, meta);
    return { ...page, parcels: toParcels(items, page.items) };
  }
}
