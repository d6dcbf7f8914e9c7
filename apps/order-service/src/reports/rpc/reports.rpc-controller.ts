import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReportRpc, RpcRequest } from '@oms/contracts';
import { RpcController } from '@oms/platform';
import { SalesReportsQuery } from '../queries/sales-reports.query';

@RpcController()
export class ReportsRpcController {
  constructor(private readonly reports: SalesReportsQuery) {}

  @MessagePattern(ReportRpc.SalesByDay)
  salesByDay(@Payload() request: RpcRequest<{ query: unknown }>) {
    return this.reports.salesByDay(request.data.query ?? {});
  }

  @MessagePattern(ReportRpc.TopProducts)
  topProducts(@Payload() request: RpcRequest<{ query: unknown }>) {
    return this.reports.topProducts(request.data.query ?? {});
  }

  @MessagePattern(ReportRpc.RevenueByPaymentMethod)
  revenueByPaymentMethod(@Payload() request: RpcRequest<{ query: unknown }>) {
    return this.reports.revenueByPaymentMethod(request.data.query ?? {});
  }
}
