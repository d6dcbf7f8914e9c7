import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { NotificationServiceConfig } from '../../../config/notification-service.config';
import { Notification } from '../../persistence/notification.repository';
import { Channel, SendResult } from '../channel';

/** Email over SMTP (nodemailer, pooled connections, every phase bounded by SEND_TIMEOUT_MS). */
@Injectable()
export class EmailChannel implements Channel, OnApplicationShutdown {
  readonly name = 'email';
  private transport?: Transporter;

  constructor(@Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig) {}

  unavailableReason() {
    return this.config.SMTP_URL ? null : 'SMTP_URL is not set: the email is stored here (GET /api/notifications/:id) and not sent';
  }

  async send(notification: Notification): Promise<SendResult> {
    const timeout = this.config.SEND_TIMEOUT_MS;
    this.transport ??= nodemailer.createTransport({
      url: this.config.SMTP_URL, pool: true, maxConnections: Math.min(this.config.SEND_CONCURRENCY, 8),
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    } as never);
    try {
      const info = await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: notification.recipient,
        subject: notification.subject ?? '',
        html: notification.html ?? undefined,
        text: notification.text ?? undefined,
        // the same id on a resend after a crash lets mail systems recognise the duplicate
        messageId: `<${notification.id}@oms.notifications>`,
        headers: { 'X-OMS-Notification': notification.id },
      });
      return { ok: true, responseStatus: Number(String(info.response).slice(0, 3)) || null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refuses this message for good (no such mailbox, rejected); 4xx and network errors pass
      return { ok: false, error: (error as Error).message, responseStatus: code ?? null, permanent: code !== undefined && code >= 500 };
    }
  }

  onApplicationShutdown() {
    this.transport?.close();
  }
}
