import { MessagePattern } from '@nestjs/microservices';
import { AdjustStockDto, InventoryRpc, ListStockQueryDto, PageQueryDto, RpcMeta, SetStockDto } from '@oms/contracts';
import { RpcArg, RpcCaller, RpcController, RpcInput } from '@oms/platform';
import { AdjustStockCommand } from '../commands/adjust-stock.command';
import { SetStockCommand } from '../commands/set-stock.command';
import { GetStockQuery } from '../queries/get-stock.query';
import { ListStockQuery } from '../queries/list-stock.query';

@RpcController()
export class StockRpcController {
  constructor(
    private readonly setStock: SetStockCommand,
    private readonly adjustStock: AdjustStockCommand,
    private readonly getStock: GetStockQuery,
    private readonly listStock: ListStockQuery,
  ) {}

  @MessagePattern(InventoryRpc.SetStock)
  set(@RpcArg('sku') sku: string, @RpcInput(SetStockDto, 'stock') stock: SetStockDto) {
    return this.setStock.execute(sku, stock);
  }

  @MessagePattern(InventoryRpc.Adjust)
  adjust(@RpcArg('sku') sku: string, @RpcInput(AdjustStockDto, 'adjustment') adjustment: AdjustStockDto, @RpcCaller() meta: RpcMeta) {
    return this.adjustStock.execute(sku, adjustment, meta);
  }

  @MessagePattern(InventoryRpc.Get)
  get(@RpcArg('sku') sku: string) {
    return this.getStock.execute(sku);
  }

  @MessagePattern(InventoryRpc.List)
  list(@RpcInput(ListStockQueryDto, 'query') query: ListStockQueryDto) {
    return this.listStock.stockLevels(query);
  }

  @MessagePattern(InventoryRpc.Movements)
  movements(@RpcArg('sku') sku: string, @RpcInput(PageQueryDto, 'query') query: PageQueryDto) {
    return this.listStock.movements(sku, query);
  }
}
