import { MessagePattern } from '@nestjs/microservices';
import { ReportQueryDto, ReportRpc } from '@oms/contracts';
import { RpcController, RpcInput } from '@oms/platform';
import { SalesReportsQuery } from '../queries/sales-reports.query';

@RpcController()
export class ReportsRpcController {
  constructor(private readonly reports: SalesReportsQuery) {}

  @MessagePattern(ReportRpc.SalesByDay)
  salesByDay(@RpcInput(ReportQueryDto, 'query') query: ReportQueryDto) {
    return this.reports.salesByDay(query);
  }

  @MessagePattern(ReportRpc.TopProducts)
  topProducts(@RpcInput(ReportQueryDto, 'query') query: ReportQueryDto) {
    return this.reports.topProducts(query);
  }

  @MessagePattern(ReportRpc.RevenueByPaymentMethod)
  revenueByPaymentMethod(@RpcInput(ReportQueryDto, 'query') query: ReportQueryDto) {
    return this.reports.revenueByPaymentMethod(query);
  }
}
