import { CreateMessagingTables1732200000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000 } from '@oms/messaging';
import { CreateIdempotencyKeys1732300000000 } from '@oms/persistence';
import { CreateNotifications1733900000000 } from './1733900000000-create-notifications';

/** Every migration of the notification database, oldest first. */
export const notificationMigrations = [CreateMessagingTables1732200000000, CreateIdempotencyKeys1732300000000, CreateNotifications1733900000000, InboxRetentionIndex1734000000000, DeadLetters1734100000000];
