import 'reflect-metadata';
import { CreateMessagingTables1732200000000 } from '@oms/messaging';
import { runService } from '@oms/runtime';
import { ShipmentServiceConfig } from './config/shipment-service.config';

/** Runs with its database, outbox and ops endpoints; its capabilities arrive with their issues. */
export const shipmentService = { config: ShipmentServiceConfig, migrations: [CreateMessagingTables1732200000000], features: [] };

if (require.main === module) runService(shipmentService);
