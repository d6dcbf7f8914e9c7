import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateRefundDto, PaymentRpc, PaymentTransactionView, ReconciliationQueryDto, ReconciliationView, RecentReconciliationsQueryDto, RecordPaymentDto, RefundView, RpcMeta, UUID_PATTERN,
} from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, orderRef, PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { items, Returns, view } from '../http/responses';
import { ORDER_SERVICE } from '../rpc/service-clients';
import { settlementRows } from './settlement-report';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api')
export class PaymentsController {
  constructor(@Inject(ORDER_SERVICE) private readonly orders: RpcClient) {}

  @Post('orders/:id/payments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an authorization, capture, void or failure; the payment status follows the ledger (409 beyond the order total)' })
  @ApiBody(schemaRef(RecordPaymentDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('PaymentTransactionView'), 'The ledger entry (or the one recorded before under the same provider, type and reference)', [404, 409, 422])
  record(@Param('id', orderRef) id: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<PaymentTransactionView> {
    return this.orders.send(PaymentRpc.Record, { id, payment: body }, meta);
  }

  @Post('orders/:id/refunds')
  @HttpCode(201)
  @ApiOperation({ summary: 'Refund some or all of what was captured, optionally restocking shipped items (409 more than captured)' })
  @ApiBody(schemaRef(CreateRefundDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('RefundView'), 'The refund', [404, 409, 422])
  refund(@Param('id', orderRef) id: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<RefundView> {
    return this.orders.send(PaymentRpc.Refund, { id, refund: body }, meta);
  }

  @Post('payments/reconciliations')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Reconcile a settlement report (text/csv with a header line, or a JSON array of rows) against the ledger; ' +
      'with from/to, every capture and refund recorded in that window must be in the report',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { type: 'array', items: { $ref: '#/components/schemas/SettlementRowDto' } } })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('ReconciliationView'), 'The reconciliation run with every discrepancy', [413, 415, 422])
  reconcile(@Req() request: Request, @Body() body: unknown, @Query() query: ReconciliationQueryDto, @Meta() meta: RpcMeta): Promise<ReconciliationView> {
    const rows = settlementRows(body, request.header('content-type'));
    return this.orders.send(PaymentRpc.Reconcile, { report: { ...query, rows } }, meta);
  }

  @Get('payments/reconciliations')
  @ApiOperation({ summary: 'The latest reconciliation runs, newest first' })
  @Returns(200, items('ReconciliationView'), 'The runs')
  reconciliations(@Query() query: RecentReconciliationsQueryDto, @Meta() meta: RpcMeta): Promise<{ items: ReconciliationView[] }> {
    return this.orders.send(PaymentRpc.ListReconciliations, { query }, meta);
  }

  @Get('payments/reconciliations/:id')
  @ApiOperation({ summary: 'A reconciliation run, as it was answered' })
  @Returns(200, view('ReconciliationView'), 'The run, as it was answered', [404])
  reconciliation(@Param('id', new PathParam('id', UUID_PATTERN)) id: string, @Meta() meta: RpcMeta): Promise<ReconciliationView> {
    return this.orders.send(PaymentRpc.GetReconciliation, { id }, meta);
  }
}
