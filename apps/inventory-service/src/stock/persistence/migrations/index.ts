import { CreateMessagingTables1732200000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000 } from '@oms/messaging';
import { CreateIdempotencyKeys1732300000000 } from '@oms/persistence';
import { CreateStock1732500000000 } from './1732500000000-create-stock';
import { SaleReversals1733500000000 } from './1733500000000-sale-reversals';

/** Every migration of the inventory database, oldest first. */
export const inventoryMigrations = [CreateMessagingTables1732200000000, CreateIdempotencyKeys1732300000000, CreateStock1732500000000, SaleReversals1733500000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000];
