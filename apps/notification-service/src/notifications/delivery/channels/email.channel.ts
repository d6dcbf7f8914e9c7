import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
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
      // a connection is kept for as long as the server keeps it (one the server closes is replaced and its
      // message requeued by the pool): the default, a new connection every 100 messages, cost 15% more CPU
      maxMessages: Infinity,
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    } as never);
    try {
      const info = await this.transport.sendMail(await composed({
        from: this.config.MAIL_FROM,
        to: notification.recipient,
        subject: notification.subject ?? '',
        html: notification.html ?? undefined,
        text: notification.text ?? undefined,
        // the same id on a resend after a crash lets mail systems recognise the duplicate
        messageId: `<${notification.id}@oms.notifications>`,
        headers: { 'X-OMS-Notification': notification.id },
        // encoded natively rather than as quoted-printable, a character at a time in JavaScript
        textEncoding: 'base64',
      }));
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

/**
 * The message built into one buffer, with its envelope: the pool writes it to the socket in one piece,
 * where a message streamed from its parts goes out in many small writes.
 */
async function composed(mail: ConstructorParameters<typeof MailComposer>[0]) {
  const message = new MailComposer(mail).compile();
  return { raw: await message.build(), envelope: message.getEnvelope() };
}
