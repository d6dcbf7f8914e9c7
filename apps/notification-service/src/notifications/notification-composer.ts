import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@oms/contracts';
import { hmacKey, orderStatusUrl, signOrderStatusToken } from '@oms/platform';
import type { KeyObject } from 'node:crypto';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { OrderReplica } from '../orders/order-replica';
import { dedupKey } from './domain/dedup-key';
import { eventFacts, Links, templateContext, TemplateContext, webhookBody } from './domain/message-context';
import { PlannedMessage } from './domain/notification-plan';
import { TemplateInfo, TEMPLATES } from './domain/templates';
import { Channels } from './delivery/channels';
import { NewNotification } from './persistence/notification.repository';
import { RenderedMessage, TemplateError, TemplateRenderer } from './rendering/template-renderer';
import { slackMessage } from './rendering/slack-message';

/** The event a message is for (an event from the bus, or the service's own, such as a disabled webhook). */
export type MessageCause = Pick<EventEnvelope<object>, 'id' | 'type' | 'occurredAt' | 'payload'>;

/**
 * Turns a planned message into its notification: rendered once, when the event is handled (so the
 * delivery log shows exactly what was sent, and a resend sends the same), with the status it starts in —
 * `pending`, `suppressed` when its channel is not configured, or `failed` when its template would not
 * render.
 */
@Injectable()
export class NotificationComposer {
  private readonly linkKey: KeyObject;

  constructor(
    @Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig,
    private readonly renderer: TemplateRenderer,
    private readonly channels: Channels,
  ) {
    this.linkKey = hmacKey(config.ORDER_LINK_SECRET);
  }

  compose(message: PlannedMessage, cause: MessageCause, order: OrderReplica | null, facts?: TemplateContext): NewNotification {
    const info: TemplateInfo | undefined = (TEMPLATES as Record<string, TemplateInfo>)[message.template];
    const base = {
      id: randomUUID(),
      dedupKey: dedupKey({ eventId: cause.id, channel: message.channel, recipient: message.recipient, template: message.template }),
      eventId: cause.id,
      eventType: cause.type,
      orderId: order?.orderId ?? null,
      channel: message.channel,
      recipient: message.recipient,
      template: message.template,
      audience: message.channel === 'webhook' ? 'subscriber' as const : info?.audience ?? 'staff',
      subscriptionId: message.subscriptionId ?? null,
      resendOf: null,
      eventOccurredAt: new Date(cause.occurredAt),
    };
    const unavailable = this.channels.get(message.channel).unavailableReason();
    const start = unavailable
      ? { status: 'suppressed' as const, statusReason: unavailable, nextAttemptAt: null }
      : { status: 'pending' as const, statusReason: null, nextAttemptAt: new Date() };
    if (message.channel === 'webhook') {
      return { ...base, ...start, locale: null, subject: null, html: null, text: null, body: webhookBody(cause, order) };
    }
    let rendered: RenderedMessage;
    try {
      rendered = this.render(message.template, base.audience === 'customer' ? order?.locale ?? null : null, order,
        facts ?? eventFacts(cause.type, cause.payload, order, order?.locale ?? this.config.NOTIFICATION_DEFAULT_LOCALE), base.audience === 'customer');
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return { ...base, status: 'failed', statusReason: error.message, nextAttemptAt: null, locale: null, subject: null, html: null, text: null, body: null };
    }
    const content = message.channel === 'sms'
      ? { subject: null, html: null, text: rendered.sms, body: null }
      : message.channel === 'slack'
        ? { subject: rendered.subject, html: null, text: rendered.text, body: slackMessage(rendered, this.adminUrl(order)) }
        : { subject: rendered.subject, html: rendered.html, text: rendered.text, body: null };
    if (message.channel === 'sms' && !rendered.sms) {
      return { ...base, ...content, locale: rendered.locale, status: 'failed', statusReason: `template ${message.template} has no sms file`, nextAttemptAt: null };
    }
    return { ...base, ...start, ...content, locale: rendered.locale };
  }

  /** A template rendered against an order; customers' messages carry the signed status link, staff's the admin link. */
  render(template: string, locale: string | null, order: OrderReplica | null, facts: TemplateContext, forCustomer: boolean): RenderedMessage {
    const resolved = this.renderer.resolveLocale(template, locale ?? this.config.NOTIFICATION_DEFAULT_LOCALE);
    const links: Links = { statusUrl: forCustomer && order ? this.statusUrl(order.orderId) : null, adminUrl: this.adminUrl(order) };
    return this.renderer.render(template, resolved, templateContext({ shopName: this.config.SHOP_NAME, locale: resolved, order, facts, links }));
  }

  private statusUrl(orderId: string): string {
    return orderStatusUrl(this.config.PUBLIC_BASE_URL, signOrderStatusToken(orderId, this.linkKey, this.config.ORDER_LINK_TTL_DAYS * 86_400));
  }

  private adminUrl(order: OrderReplica | null): string | null {
    return order ? `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/admin/orders/${order.orderId}` : null;
  }
}
