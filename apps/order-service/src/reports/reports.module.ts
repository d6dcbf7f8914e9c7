import { Module } from '@nestjs/common';
import { ReportsRepository } from './persistence/reports.repository';
import { SalesReportsQuery } from './queries/sales-reports.query';
import { ReportsRpcController } from './rpc/reports.rpc-controller';

@Module({
  controllers: [ReportsRpcController],
  providers: [ReportsRepository, SalesReportsQuery],
})
export class ReportsModule {}
