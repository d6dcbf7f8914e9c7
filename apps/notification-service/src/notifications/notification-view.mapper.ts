import { NotificationAttemptView, NotificationDetailView, NotificationView } from '@oms/contracts';
import { Attempt, Notification } from './persistence/notification.repository';

const attemptView = (attempt: Attempt): NotificationAttemptView => ({
  at: attempt.at.toISOString(), ok: attempt.ok, error: attempt.error, responseStatus: attempt.responseStatus, durationMs: attempt.durationMs,
});

export function toNotificationView(notification: Notification, attempts: Attempt[]): NotificationView {
  return {
    id: notification.id,
    orderId: notification.orderId,
    event: notification.eventType,
    eventId: notification.eventId,
    channel: notification.channel,
    recipient: notification.recipient,
    template: notification.template,
    locale: notification.locale,
    status: notification.status,
    statusReason: notification.statusReason,
    subscriptionId: notification.subscriptionId,
    resendOf: notification.resendOf,
    attempts: attempts.filter((a) => a.notificationId === notification.id).map(attemptView),
    nextAttemptAt: notification.status === 'pending' ? notification.nextAttemptAt?.toISOString() ?? null : null,
    createdAt: notification.createdAt.toISOString(),
    sentAt: notification.sentAt?.toISOString() ?? null,
  };
}

export function toNotificationDetailView(notification: Notification, attempts: Attempt[]): NotificationDetailView {
  return { ...toNotificationView(notification, attempts), subject: notification.subject, html: notification.html, text: notification.text, body: notification.body };
}
