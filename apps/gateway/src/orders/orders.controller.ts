import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderRpc, OrderView, PlaceOrderDto, RpcMeta } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { Roles } from '../auth/auth';
import { schemaRef } from '../http/openapi';
import { ORDER_REF, PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { ORDER_SERVICE } from '../rpc/service-clients';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrdersController {
  constructor(@Inject(ORDER_SERVICE) private readonly orders: RpcClient) {}

  @Post()
  @HttpCode(201)
  @Roles('admin', 'customer')
  @ApiOperation({ summary: 'Place an order; stock is reserved asynchronously (see inventoryStatus)' })
  @ApiBody(schemaRef(PlaceOrderDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  place(@Body() body: PlaceOrderDto, @Meta() meta: RpcMeta): Promise<OrderView> {
    return this.orders.send(OrderRpc.Place, body, meta);
  }

  @Get(':id')
  @Roles('admin', 'customer')
  @ApiOperation({ summary: 'An order by uuid or order number; a customer sees only its own' })
  get(@Param('id', new PathParam('id', ORDER_REF)) id: string, @Meta() meta: RpcMeta): Promise<OrderView> {
    return this.orders.send(OrderRpc.Get, { id }, meta);
  }
}
