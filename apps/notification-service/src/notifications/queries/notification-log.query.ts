import { Injectable } from '@nestjs/common';
import { ListNotificationsQueryDto, NotificationDetailView, NotificationView, Page, UUID_PATTERN, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { decodeCursor, toPage } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { OrderReplicaRepository } from '../../orders/order-replica.repository';
import { NotificationFilter, NotificationRepository } from '../persistence/notification.repository';
import { toNotificationDetailView, toNotificationView } from '../notification-view.mapper';

const isCursorKey = ([seq, ...rest]: unknown[]) => typeof seq === 'string' && /^\d{1,18}$/.test(seq) && !rest.length;

/** The delivery log: notifications newest first with their attempts, and one with its content. */
@Injectable()
export class NotificationLogQuery {
  constructor(private readonly notifications: NotificationRepository, private readonly replicas: OrderReplicaRepository) {}

  async list(query: ListNotificationsQueryDto & Pick<NotificationFilter, 'subscriptionId'>): Promise<Page<NotificationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [before] = (decodeCursor(query.cursor, isCursorKey) ?? []) as [string?];
    const orderId = query.orderId && !UUID_PATTERN.test(query.orderId) ? (await this.replicas.findByNumber(query.orderId))?.orderId : query.orderId;
    if (query.orderId && !orderId) return { items: [], nextCursor: null };
    const rows = await this.notifications.list({ ...query, orderId }, { limit: limit + 1, before });
    const attempts = await this.notifications.attempts(rows.slice(0, limit).map((row) => row.id));
    return toPage(rows, limit, (row) => toNotificationView(row, attempts), (row) => [row.seq]);
  }

  async get(id: string): Promise<NotificationDetailView> {
    const notification = UUID_PATTERN.test(id) ? await this.notifications.find(id) : null;
    if (!notification) throw AppError.notFound(`Notification ${id} was not found.`);
    return toNotificationDetailView(notification, await this.notifications.attempts([id]));
  }
}
