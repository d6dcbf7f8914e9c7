import { Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ActivityView, AddActivityDto, CancelOrderDto, CreateShipmentDto, ListActivitiesQueryDto, ShipmentRpc, ShipmentView, UpdateShipmentDto, ListOrdersQueryDto, OrderRpc, OrderStatsQueryDto, OrderStatsView, OrderStatusCatalogueView,
  OrderSummaryView, OrderView, Page, PlaceOrderDto, RpcMeta, UpdateOrderDto, UUID_PATTERN,
} from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { Roles } from '../auth/roles';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, orderRef, PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { Returns, items, page, view } from '../http/responses';
import { ORDER_SERVICE, SHIPMENT_SERVICE } from '../rpc/service-clients';

const shipmentRef = new PathParam('shipmentId', UUID_PATTERN);

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api')
export class OrdersController {
  constructor(
    @Inject(ORDER_SERVICE) private readonly orders: RpcClient,
    @Inject(SHIPMENT_SERVICE) private readonly shipments: RpcClient,
  ) {}

  @Post('orders')
  @HttpCode(201)
  @Roles('admin', 'checkout')
  @ApiOperation({ summary: 'Place an order; stock is reserved asynchronously (see inventoryStatus)' })
  @ApiBody(schemaRef(PlaceOrderDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('OrderView'), 'The order, stored; its stock is being reserved (inventoryStatus: reserving)', [422])
  place(@ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<OrderView> {
    return this.orders.send(OrderRpc.Place, body, meta);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Orders, filtered and sorted, in keyset pages (includeTotal=true adds the count)' })
  @Returns(200, page('OrderSummaryView'), 'A page of orders')
  list(@Query() query: ListOrdersQueryDto, @Meta() meta: RpcMeta): Promise<Page<OrderSummaryView>> {
    return this.orders.send(OrderRpc.List, { query }, meta);
  }

  @Get('orders/stats')
  @ApiOperation({ summary: 'Orders per status, and revenue and average order value per currency' })
  @Returns(200, view('OrderStatsView'), 'Counts and revenue')
  stats(@Query() query: OrderStatsQueryDto, @Meta() meta: RpcMeta): Promise<OrderStatsView> {
    return this.orders.send(OrderRpc.Stats, { query }, meta);
  }

  @Get('order-statuses')
  @ApiOperation({ summary: 'Every configured order, payment and shipment status, with its name, badge and progress' })
  @Returns(200, view('OrderStatusCatalogueView'), 'The statuses')
  statuses(@Meta() meta: RpcMeta): Promise<OrderStatusCatalogueView> {
    return this.orders.send(OrderRpc.Statuses, {}, meta);
  }

  @Get('me/orders')
  @Roles('customer')
  @ApiOperation({ summary: 'The calling customer’s own orders' })
  @Returns(200, page('OrderSummaryView'), 'A page of the customer’s own orders')
  mine(@Query() query: ListOrdersQueryDto, @Meta() meta: RpcMeta): Promise<Page<OrderSummaryView>> {
    return this.orders.send(OrderRpc.List, { query }, meta);
  }

  @Get('orders/:id')
  @Roles('admin', 'checkout', 'customer')
  @ApiOperation({ summary: 'An order by uuid or order number; a customer sees only its own' })
  @Returns(200, view('OrderView'), 'The order', [404])
  get(@Param('id', orderRef) id: string, @Meta() meta: RpcMeta): Promise<OrderView> {
    return this.orders.send(OrderRpc.Get, { id }, meta);
  }

  @Patch('orders/:id')
  @ApiOperation({ summary: 'Set the payment or shipment status directly (validated against the configuration), or notes' })
  @ApiBody(schemaRef(UpdateOrderDto.name))
  @Returns(200, view('OrderView'), 'The order after the change', [404, 409])
  update(@Param('id', orderRef) id: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<OrderView> {
    return this.orders.send(OrderRpc.Update, { id, changes: body }, meta);
  }

  @Post('orders/:id/cancel')
  @Roles('admin', 'checkout', 'customer')
  @ApiOperation({ summary: 'Cancel an order: 200 canceled, 409 not cancelable or already shipped, 202 still settling' })
  @ApiBody(schemaRef(CancelOrderDto.name))
  @Returns(200, view('OrderView'), 'Canceled', [404, 409])
  @ApiResponse({ status: 202, description: 'Still settling: the shipment service has not answered yet; follow the order', content: { 'application/json': { schema: view('OrderView') } } })
  async cancel(
    @Param('id', orderRef) id: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta, @Res({ passthrough: true }) response: Response,
  ): Promise<OrderView> {
    const { settled, order } = await this.orders.send<{ settled: boolean; order: OrderView }>(OrderRpc.Cancel, { id, cancel: body }, meta);
    response.status(settled ? 200 : 202);
    return order;
  }

  @Post('orders/:id/shipments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ship some or all of what is left of an order; 409 over-shipping, canceled, or stock not reserved' })
  @ApiBody(schemaRef(CreateShipmentDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('ShipmentView'), 'The shipment', [404, 409, 422])
  ship(@Param('id', orderRef) id: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<ShipmentView> {
    return this.shipments.send(ShipmentRpc.Create, { orderId: id, shipment: body }, meta);
  }

  @Patch('orders/:id/shipments/:shipmentId')
  @ApiOperation({ summary: 'Change carrier or tracking, or move the status forward (never backwards; older updates are only recorded)' })
  @ApiBody(schemaRef(UpdateShipmentDto.name))
  @Returns(200, view('ShipmentView'), 'The shipment after the update', [404, 409])
  updateShipment(
    @Param('id', orderRef) id: string, @Param('shipmentId', shipmentRef) shipmentId: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta,
  ): Promise<ShipmentView> {
    return this.shipments.send(ShipmentRpc.Update, { orderId: id, shipmentId, changes: body }, meta);
  }

  @Get('orders/:id/shipments/:shipmentId/packing-slip')
  @ApiOperation({ summary: 'The packing slip of a shipment, as a PDF' })
  @Returns(200, { type: 'string', format: 'binary' }, 'The packing slip', [404], 'application/pdf')
  async packingSlip(@Param('id', orderRef) id: string, @Param('shipmentId', shipmentRef) shipmentId: string, @Meta() meta: RpcMeta): Promise<StreamableFile> {
    const slip = await this.shipments.send<{ fileName: string; pdfBase64: string }>(ShipmentRpc.PackingSlip, { orderId: id, shipmentId }, meta);
    return new StreamableFile(Buffer.from(slip.pdfBase64, 'base64'), { type: 'application/pdf', disposition: `inline; filename="${slip.fileName}"` });
  }

  @Get('orders/:id/shipments')
  @Returns(200, items('ShipmentView'), 'The order’s shipments', [404])
  shipmentsOf(@Param('id', orderRef) id: string, @Meta() meta: RpcMeta): Promise<{ items: ShipmentView[] }> {
    return this.shipments.send(ShipmentRpc.List, { orderId: id }, meta);
  }

  @Post('orders/:id/activities')
  @HttpCode(201)
  @ApiBody(schemaRef(AddActivityDto.name))
  @Returns(201, view('ActivityView'), 'The history entry', [404])
  addActivity(@Param('id', orderRef) id: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<ActivityView> {
    return this.orders.send(OrderRpc.AddActivity, { id, activity: body }, meta);
  }

  @Get('orders/:id/activities')
  @Returns(200, items('ActivityView'), 'The order’s history, oldest first', [404])
  activities(@Param('id', orderRef) id: string, @Query() query: ListActivitiesQueryDto, @Meta() meta: RpcMeta): Promise<{ items: ActivityView[] }> {
    return this.orders.send(OrderRpc.ListActivities, { id, query }, meta);
  }
}
