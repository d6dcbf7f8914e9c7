import { Module } from '@nestjs/common';
import { ApplyCarrierUpdateCommand } from './commands/apply-carrier-update.command';
import { CreateShipmentCommand } from './commands/create-shipment.command';
import { TrackingUpdates } from './commands/tracking-updates';
import { UpdateShipmentCommand } from './commands/update-shipment.command';
import { OrderReplicaEvents } from './events/order-replica.events';
import { ShipmentRepository } from './persistence/shipment.repository';
import { ListShipmentsQuery } from './queries/list-shipments.query';
import { PackingSlipQuery } from './queries/packing-slip.query';
import { ShipmentsRpcController } from './rpc/shipments.rpc-controller';

@Module({
  controllers: [ShipmentsRpcController],
  providers: [
    ShipmentRepository,
    CreateShipmentCommand,
    UpdateShipmentCommand,
    ApplyCarrierUpdateCommand,
    TrackingUpdates,
    ListShipmentsQuery,
    PackingSlipQuery,
    OrderReplicaEvents,
  ],
})
export class ShipmentsModule {}
