import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotificationDetailView, UUID_PATTERN } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { Channels } from '../delivery/channels';
import { NotificationRepository } from '../persistence/notification.repository';
import { toNotificationDetailView } from '../notification-view.mapper';

/**
 * Sends a notification again on purpose: a new notification with the same content (and, for a webhook,
 * the same `webhook-id`, so a receiver that has it already can tell), linked to the first.
 */
@Injectable()
export class ResendNotificationCommand {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly channels: Channels,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute(id: string): Promise<NotificationDetailView> {
    const original = UUID_PATTERN.test(id) ? await this.notifications.find(id) : null;
    if (!original) throw AppError.notFound(`Notification ${id} was not found.`);
    if (original.status === 'failed' && original.body === null && original.text === null) {
      throw AppError.conflict(`Notification ${id} has no content to send: ${original.statusReason ?? 'it failed to render'}.`);
    }
    const unavailable = this.channels.get(original.channel).unavailableReason();
    const copyId = randomUUID();
    await this.unitOfWork.run((manager) => this.notifications.add(manager, [{
      ...original,
      id: copyId,
      dedupKey: `resend:${copyId}`,
      resendOf: original.id,
      status: unavailable ? 'suppressed' : 'pending',
      statusReason: unavailable,
      nextAttemptAt: unavailable ? null : new Date(),
    }]));
    const copy = (await this.notifications.find(copyId))!;
    return toNotificationDetailView(copy, []);
  }
}
