import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportQueryDto, ReportRpc, RevenueByPaymentMethodRow, RpcMeta, SalesByDayRow, TopProductRow } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { Meta } from '../http/request-meta';
import { Returns, items } from '../http/responses';
import { ORDER_SERVICE } from '../rpc/service-clients';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(@Inject(ORDER_SERVICE) private readonly orders: RpcClient) {}

  @Get('sales-by-day')
  @ApiOperation({ summary: 'Orders and revenue per day and currency (days in timeZone, UTC by default)' })
  @Returns(200, items('SalesByDayRow'), 'One row per day and currency')
  salesByDay(@Query() query: ReportQueryDto, @Meta() meta: RpcMeta): Promise<{ items: SalesByDayRow[] }> {
    return this.orders.send(ReportRpc.SalesByDay, { query }, meta);
  }

  @Get('top-products')
  @ApiOperation({ summary: 'Best-selling SKUs by quantity, with their revenue per currency' })
  @Returns(200, items('TopProductRow'), 'The best-selling products')
  topProducts(@Query() query: ReportQueryDto, @Meta() meta: RpcMeta): Promise<{ items: TopProductRow[] }> {
    return this.orders.send(ReportRpc.TopProducts, { query }, meta);
  }

  @Get('revenue-by-payment-method')
  @Returns(200, items('RevenueByPaymentMethodRow'), 'One row per payment method and currency')
  revenueByPaymentMethod(@Query() query: ReportQueryDto, @Meta() meta: RpcMeta): Promise<{ items: RevenueByPaymentMethodRow[] }> {
    return this.orders.send(ReportRpc.RevenueByPaymentMethod, { query }, meta);
  }
}
