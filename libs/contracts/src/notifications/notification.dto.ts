import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsLocale, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength,
  Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { PageQueryDto } from '../common/page';
import { UUID_PATTERN } from '../common/patterns';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from '../events/notification.events';
import { isKnownEventPattern, WEBHOOK_EVENT_TYPES } from './webhook-events';

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'suppressed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export class ListNotificationsQueryDto extends PageQueryDto {
  /** The order's uuid or number. */
  @IsOptional() @Matches(/^[A-Za-z0-9-_]{1,64}$/, { message: 'orderId must be an order uuid or number' }) orderId?: string;
  @IsOptional() @IsIn(NOTIFICATION_CHANNELS) channel?: NotificationChannel;
  @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
  /** The routing key of the event that caused it, e.g. `shipment.created`. */
  @IsOptional() @IsString() @MaxLength(60) event?: string;
}

const isKnown = (value: unknown) => typeof value === 'string' && isKnownEventPattern(value);

@ValidatorConstraint({ name: 'knownEventPatterns' })
class KnownEventPatterns implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return Array.isArray(value) && value.every(isKnown);
  }
  defaultMessage(args: ValidationArguments) {
    const unknown = Array.isArray(args.value) ? args.value.filter((v) => !isKnown(v)).map(String) : [];
    return `each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}, a prefix pattern such as order.*, or *; not ${unknown.join(', ')}`;
  }
}

const WEBHOOK_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true, allow_underscores: true };
const WEBHOOK_URL_MESSAGE = { message: 'url must be an absolute http:// or https:// URL' };

/** The events a subscription receives: routing keys or patterns, at least one. */
const WebhookEvents = (): PropertyDecorator => (target, key) => {
  for (const decorate of [IsArray(), ArrayMinSize(1), ArrayMaxSize(50), ArrayUnique(), Validate(KnownEventPatterns)]) decorate(target, key);
  JSONSchema(() => ({
    type: 'array', minItems: 1, maxItems: 50, uniqueItems: true,
    items: { type: 'string', anyOf: [{ enum: ['*', ...WEBHOOK_EVENT_TYPES] }, { pattern: '^[a-z]+\\.\\*$' }] },
    description: 'routing keys, prefix patterns such as order.*, or *',
  }))(target, key as string);
};

export class CreateWebhookSubscriptionDto {
  @IsUrl(WEBHOOK_URL, WEBHOOK_URL_MESSAGE) @MaxLength(2000) url: string;
  @WebhookEvents() events: string[];
  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class UpdateWebhookSubscriptionDto {
  @IsOptional() @WebhookEvents() events?: string[];
  @IsOptional() @IsUrl(WEBHOOK_URL, WEBHOOK_URL_MESSAGE) @MaxLength(2000) url?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class PreviewTemplateDto {
  @Matches(UUID_PATTERN, { message: 'orderId must be an order uuid' }) orderId: string;
  @IsOptional() @IsLocale() @MaxLength(35) locale?: string;
}

export class TemplateNameDto {
  @IsString() @IsNotEmpty() @Matches(/^[a-z][a-z0-9-]{0,60}$/, { message: 'name must be a template name such as order-confirmed' }) name: string;
}

export interface NotificationAttemptView {
  at: string;
  ok: boolean;
  /** The provider's answer when it failed, or why nothing was sent. */
  error: string | null;
  /** HTTP status of a webhook, SMS or Slack call. */
  responseStatus: number | null;
  durationMs: number;
}

export interface NotificationView {
  id: string;
  orderId: string | null;
  /** The routing key of the event that caused it. */
  event: string;
  eventId: string;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  locale: string | null;
  status: NotificationStatus;
  /** Why it is `suppressed` or `failed`. */
  statusReason: string | null;
  subscriptionId: string | null;
  /** The notification this one sends again, for a resend. */
  resendOf: string | null;
  attempts: NotificationAttemptView[];
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One notification with what it says: an email's subject, HTML and text; a text message; a webhook's body. */
export interface NotificationDetailView extends NotificationView {
  subject: string | null;
  html: string | null;
  text: string | null;
  /** The JSON body of a webhook or Slack message. */
  body: unknown;
}

export interface RenderedTemplateView {
  template: string;
  locale: string;
  subject: string;
  html: string;
  text: string;
}

export interface NotificationTemplateView {
  name: string;
  description: string;
  channels: NotificationChannel[];
  /** The locales it has files for; others fall back to the shop's default. */
  locales: string[];
}

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  /** Why it was disabled: a 410 from the endpoint, every retry failed, or staff. */
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Answered when a subscription is created or its secret rotated: the only time the secret is shown. */
export interface WebhookSubscriptionWithSecretView extends WebhookSubscriptionView {
  secret: string;
  /** Until then the previous secret signs too (after a rotation). */
  previousSecretExpiresAt: string | null;
}
