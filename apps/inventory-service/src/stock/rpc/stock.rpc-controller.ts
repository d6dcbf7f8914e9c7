import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc, RpcRequest } from '@oms/contracts';
import { RpcController } from '@oms/platform';
import { SetStockCommand } from '../commands/set-stock.command';
import { GetStockQuery } from '../queries/get-stock.query';

@RpcController()
export class StockRpcController {
  constructor(
    private readonly setStock: SetStockCommand,
    private readonly getStock: GetStockQuery,
  ) {}

  @MessagePattern(InventoryRpc.SetStock)
  set(@Payload() request: RpcRequest<{ sku: string; stock: unknown }>) {
    return this.setStock.execute(String(request.data.sku), request.data.stock);
  }

  @MessagePattern(InventoryRpc.Get)
  get(@Payload() request: RpcRequest<{ sku: string }>) {
    return this.getStock.execute(String(request.data.sku));
  }
}
