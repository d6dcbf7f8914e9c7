import { MessagePattern } from '@nestjs/microservices';
import { CarrierTrackingUpdateDto, CreateShipmentDto, ListShipmentsForOrdersDto, RpcMeta, ShipmentRpc, UpdateShipmentDto } from '@oms/contracts';
import { RpcArg, RpcCaller, RpcController, RpcInput } from '@oms/platform';
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
  create(@RpcArg('orderId') orderId: string, @RpcInput(CreateShipmentDto, 'shipment') shipment: CreateShipmentDto, @RpcCaller() meta: RpcMeta) {
    return this.createShipment.execute(orderId, shipment, meta);
  }

  @MessagePattern(ShipmentRpc.Update)
  update(@RpcArg('orderId') orderId: string, @RpcArg('shipmentId') shipmentId: string, @RpcInput(UpdateShipmentDto, 'changes') changes: UpdateShipmentDto, @RpcCaller() meta: RpcMeta) {
    return this.updateShipment.execute(orderId, shipmentId, changes, meta);
  }

  @MessagePattern(ShipmentRpc.CarrierUpdate)
  fromCarrier(@RpcArg('carrier') carrier: string, @RpcInput(CarrierTrackingUpdateDto, 'update') update: CarrierTrackingUpdateDto) {
    return this.carrierUpdate.execute(carrier, update);
  }

  @MessagePattern(ShipmentRpc.PackingSlip)
  slip(@RpcArg('orderId') orderId: string, @RpcArg('shipmentId') shipmentId: string) {
    return this.packingSlip.execute(orderId, shipmentId);
  }

  @MessagePattern(ShipmentRpc.List)
  list(@RpcArg('orderId') orderId: string) {
    return this.listShipments.forOrder(orderId);
  }

  @MessagePattern(ShipmentRpc.ListForOrders)
  listForOrders(@RpcInput(ListShipmentsForOrdersDto) request: ListShipmentsForOrdersDto) {
    return this.listShipments.forOrders(request.orderIds);
  }
}
