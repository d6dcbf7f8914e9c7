import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcRequest, ShipmentRpc } from '@oms/contracts';
import { RpcController } from '@oms/platform';
import { ApplyCarrierUpdateCommand } from '../commands/apply-carrier-update.command';
import { CreateShipmentCommand } from '../commands/create-shipment.command';
import { UpdateShipmentCommand } from '../commands/update-shipment.command';
import { ListShipmentsQuery } from '../queries/list-shipments.query';
import { PackingSlipQuery } from '../queries/packing-slip.query';

@RpcController()
export class ShipmentsRpcController {
  constructor(
    private readonly createShipment: CreateShipmentCommand,
    private readonly updateShipment: UpdateShipmentCommand,
    private readonly carrierUpdate: ApplyCarrierUpdateCommand,
    private readonly listShipments: ListShipmentsQuery,
    private readonly packingSlip: PackingSlipQuery,
  ) {}

  @MessagePattern(ShipmentRpc.Create)
  create(@Payload() request: RpcRequest<{ orderId: string; shipment: unknown }>) {
    return this.createShipment.execute(String(request.data.orderId), request.data.shipment, request.meta);
  }

  @MessagePattern(ShipmentRpc.Update)
  update(@Payload() request: RpcRequest<{ orderId: string; shipmentId: string; changes: unknown }>) {
    return this.updateShipment.execute(String(request.data.orderId), String(request.data.shipmentId), request.data.changes, request.meta);
  }

  @MessagePattern(ShipmentRpc.CarrierUpdate)
  fromCarrier(@Payload() request: RpcRequest<{ carrier: string; update: unknown }>) {
    return this.carrierUpdate.execute(String(request.data.carrier), request.data.update);
  }

  @MessagePattern(ShipmentRpc.PackingSlip)
  slip(@Payload() request: RpcRequest<{ orderId: string; shipmentId: string }>) {
    return this.packingSlip.execute(String(request.data.orderId), String(request.data.shipmentId));
  }

  @MessagePattern(ShipmentRpc.List)
  list(@Payload() request: RpcRequest<{ orderId: string }>) {
    return this.listShipments.forOrder(String(request.data.orderId));
  }
}
