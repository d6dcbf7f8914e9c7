import { CreateMessagingTables1732200000000 } from '@oms/messaging';
import { CreateStock1732500000000 } from './1732500000000-create-stock';

/** Every migration of the inventory database, oldest first. */
export const inventoryMigrations = [CreateMessagingTables1732200000000, CreateStock1732500000000];
