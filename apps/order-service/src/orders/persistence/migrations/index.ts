import { CreateMessagingTables1732200000000 } from '@oms/messaging';
import { CreateIdempotencyKeys1732300000000 } from '@oms/persistence';
import { CreateOrders1732400000000 } from './1732400000000-create-orders';
import { OrderListIndexes1732700000000 } from './1732700000000-order-list-indexes';
import { CancelAndShipments1732900000000 } from './1732900000000-cancel-and-shipments';
import { FulfillmentAndShipments1733000000000 } from './1733000000000-fulfillment-and-shipments';
import { OrderSearchIndexes1733100000000 } from './1733100000000-order-search-indexes';
import { OrderShipmentStatus1733300000000 } from './1733300000000-order-shipment-status';
import { TypedHistory1733700000000 } from './1733700000000-typed-history';
import { CustomerMessaging1733800000000 } from './1733800000000-customer-messaging';

/** Every migration of the orders capability, oldest first. */
export const orderMigrations = [CreateMessagingTables1732200000000, CreateIdempotencyKeys1732300000000, CreateOrders1732400000000, OrderListIndexes1732700000000, CancelAndShipments1732900000000,
  FulfillmentAndShipments1733000000000,
  OrderSearchIndexes1733100000000,
  OrderShipmentStatus1733300000000,
  TypedHistory1733700000000,
  CustomerMessaging1733800000000,
];
