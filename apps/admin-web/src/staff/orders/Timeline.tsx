import { useQuery } from '@tanstack/react-query';
import type { ActivityView } from '@contracts/orders/order.view';
import type { NotificationView } from '@contracts/notifications/notification.dto';
import type { Page } from '@contracts/common/page';
import { api } from '../../api/client';
import { ActionDialog } from '../../ui/ActionDialog';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { dateTime, humanize } from '../../ui/format';

type Entry = { at: string; key: string; activity?: ActivityView; notification?: NotificationView };

/** The order's history and the messages sent about it, newest first, in one list. */
export function Timeline({ orderId, activities }: { orderId: string; activities: ActivityView[] }) {
  const notifications = useQuery({
    queryKey: ['notifications', orderId],
    queryFn: () => api<Page<NotificationView>>('/api/notifications', { query: { orderId, limit: 100 } }),
  });
  const entries: Entry[] = [
    ...activities.map((activity) => ({ at: activity.createdAt, key: activity.activityId, activity })),
    ...(notifications.data?.items ?? []).map((notification) => ({ at: notification.createdAt, key: notification.id, notification })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ProblemMessage error={notifications.error} />
      <ol className="timeline">
        {entries.map(({ key, at, activity, notification }) => (
          <li key={key} className={activity ? `activity activity-${activity.type}` : `notification notification-${notification!.status}`}>
            <time dateTime={at}>{dateTime(at)}</time>
            {activity && (
              <p>
                {activity.message}
                {activity.customerNotified && <span className="tag">customer sees this</span>}
                <small> · {activity.author}</small>
              </p>
            )}
            {notification && (
              <p>
                {humanize(notification.channel)} to {notification.recipient}: {notification.template} <span className={`tag tag-${notification.status}`}>{notification.status}</span>
                {notification.statusReason && <small> · {notification.statusReason}</small>}
                <ActionDialog label="Resend" title={`Resend ${notification.template} to ${notification.recipient}`} submitLabel="Resend"
                  onSubmit={() => api(`/api/notifications/${notification.id}/resend`, { method: 'POST' }).then(() => notifications.refetch())}>
                  {() => <p>The message is rendered and sent again.</p>}
                </ActionDialog>
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
