import { CreateMessagingTables1732200000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000 } from '@oms/messaging';
import { CreateIdempotencyKeys1732300000000 } from '@oms/persistence';
import { CreateShipments1732800000000 } from './1732800000000-create-shipments';
import { TrackingHistory1733200000000 } from './1733200000000-tracking-history';
import { ShipTo1733400000000 } from './1733400000000-ship-to';

/** Every migration of the shipment database, oldest first. */
export const shipmentMigrations = [CreateMessagingTables1732200000000, CreateIdempotencyKeys1732300000000, CreateShipments1732800000000, TrackingHistory1733200000000, ShipTo1733400000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000];
