import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc, RpcRequest } from '@oms/contracts';
import { RpcController } from '@oms/platform';
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
  set(@Payload() request: RpcRequest<{ sku: string; stock: unknown }>) {
    return this.setStock.execute(String(request.data.sku), request.data.stock);
  }

  @MessagePattern(InventoryRpc.Adjust)
  adjust(@Payload() request: RpcRequest<{ sku: string; adjustment: unknown }>) {
    return this.adjustStock.execute(String(request.data.sku), request.data.adjustment, request.meta);
  }

  @MessagePattern(InventoryRpc.Get)
  get(@Payload() request: RpcRequest<{ sku: string }>) {
    return this.getStock.execute(String(request.data.sku));
  }

  @MessagePattern(InventoryRpc.List)
  list(@Payload() request: RpcRequest<{ query: unknown }>) {
    return this.listStock.stockLevels(request.data.query ?? {});
  }

  @MessagePattern(InventoryRpc.Movements)
  movements(@Payload() request: RpcRequest<{ sku: string; query: unknown }>) {
    return this.listStock.movements(String(request.data.sku), request.data.query ?? {});
  }
}
