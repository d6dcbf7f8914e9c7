import { Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdjustStockDto, InventoryRpc, ListStockQueryDto, MovementView, Page, PageQueryDto, RpcMeta, SetStockDto, SKU_PATTERN, StockView,
} from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { Returns, page, view } from '../http/responses';
import { INVENTORY_SERVICE } from '../rpc/service-clients';

const skuParam = new PathParam('sku', SKU_PATTERN);

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/inventory')
export class InventoryController {
  constructor(@Inject(INVENTORY_SERVICE) private readonly inventory: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Stock levels by SKU; lowStock=true lists those under their threshold' })
  @ApiQuery({ name: 'lowStock', required: false, type: Boolean })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @Returns(200, page('StockView'), 'A page of stock levels')
  list(@Query() query: ListStockQueryDto, @Meta() meta: RpcMeta): Promise<Page<StockView>> {
    return this.inventory.send(InventoryRpc.List, { query }, meta);
  }

  @Put(':sku')
  @ApiOperation({ summary: 'Set the stock on hand of a SKU (idempotent by nature)' })
  @ApiBody(schemaRef(SetStockDto.name))
  @Returns(200, view('StockView'), 'The stock level', [409])
  set(@Param('sku', skuParam) sku: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<StockView> {
    return this.inventory.send(InventoryRpc.SetStock, { sku, stock: body }, meta);
  }

  @Post(':sku/adjustments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add or remove units with a reason; answers the ledger movement' })
  @ApiBody(schemaRef(AdjustStockDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('MovementView'), 'The movement', [404, 409])
  adjust(@Param('sku', skuParam) sku: string, @ForwardedBody() body: unknown, @Meta() meta: RpcMeta): Promise<MovementView> {
    return this.inventory.send(InventoryRpc.Adjust, { sku, adjustment: body }, meta);
  }

  @Get(':sku')
  @Returns(200, view('StockView'), 'The stock level', [404])
  get(@Param('sku', skuParam) sku: string, @Meta() meta: RpcMeta): Promise<StockView> {
    return this.inventory.send(InventoryRpc.Get, { sku }, meta);
  }

  @Get(':sku/movements')
  @ApiOperation({ summary: 'The stock ledger of a SKU, newest first' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @Returns(200, page('MovementView'), 'A page of the SKU’s movements, newest first', [404])
  movements(@Param('sku', skuParam) sku: string, @Query() query: PageQueryDto, @Meta() meta: RpcMeta): Promise<Page<MovementView>> {
    return this.inventory.send(InventoryRpc.Movements, { sku, query }, meta);
  }
}
