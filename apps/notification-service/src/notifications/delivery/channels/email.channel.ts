import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { NotificationServiceConfig } from '../../../config/notification-service.config';
import { Notification } from '../../persistence/notification.repository';
import { Channel, SendResult } from '../channel';
import { emailMessage, UnaddressableEmailError } from './email-message';
import { SmtpPool } from './smtp-pool';

/** Email over SMTP (pooled connections, every phase bounded by SEND_TIMEOUT_MS). */
@Injectable()
export class EmailChannel implements Channel, OnApplicationShutdown {
  readonly name = 'email';
  private pool?: SmtpPool;

  constructor(@Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig) {}

  unavailableReason() {
    return this.config.SMTP_URL ? null : 'SMTP_URL is not set: the email is stored here (GET /api/notifications/:id) and not sent';
  }

  async send(notification: Notification): Promise<SendResult> {
    this.pool ??= new SmtpPool({ url: this.config.SMTP_URL!, maxConnections: Math.min(this.config.SEND_CONCURRENCY, 8), timeoutMs: this.config.SEND_TIMEOUT_MS });
    try {
      const response = await this.pool.send(emailMessage({
        from: this.config.MAIL_FROM,
        to: notification.recipient,
        subject: notification.subject ?? '',
        html: notification.html ?? undefined,
        text: notification.text ?? undefined,
        // the same id on a resend after a crash lets mail systems recognise the duplicate
        messageId: `<${notification.id}@oms.notifications>`,
        headers: { 'X-OMS-Notification': notification.id },
      }));
      return { ok: true, responseStatus: Number(response.slice(0, 3)) || null };
    } catch (error) {
      if (error instanceof UnaddressableEmailError) return { ok: false, error: error.message, responseStatus: null, permanent: true };
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refuses this message for good (no such mailbox, rejected); 4xx and network errors pass
      return { ok: false, error: (error as Error).message, responseStatus: code ?? null, permanent: code !== undefined && code >= 500 };
    }
  }

  onApplicationShutdown() {
    this.pool?.close();
  }
}
