import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InventoryRpc, RpcMeta, SetStockDto, SKU_PATTERN, StockView } from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { schemaRef } from '../http/openapi';
import { PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { INVENTORY_SERVICE } from '../rpc/service-clients';

const skuParam = new PathParam('sku', SKU_PATTERN);

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/inventory')
export class InventoryController {
  constructor(@Inject(INVENTORY_SERVICE) private readonly inventory: RpcClient) {}

  @Put(':sku')
  @ApiOperation({ summary: 'Set the stock on hand of a SKU (idempotent by nature)' })
  @ApiBody(schemaRef(SetStockDto.name))
  set(@Param('sku', skuParam) sku: string, @Body() body: SetStockDto, @Meta() meta: RpcMeta): Promise<StockView> {
    return this.inventory.send(InventoryRpc.SetStock, { sku, stock: body }, meta);
  }

  @Get(':sku')
  get(@Param('sku', skuParam) sku: string, @Meta() meta: RpcMeta): Promise<StockView> {
    return this.inventory.send(InventoryRpc.Get, { sku }, meta);
  }
}
