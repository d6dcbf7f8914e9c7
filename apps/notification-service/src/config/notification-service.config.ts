import { join } from 'node:path';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DEVELOPMENT, inProduction, NotDevelopmentSecretInProduction, ServiceConfig } from '@oms/platform';
import { DEFAULT_STAFF_ALERTS, STAFF_ALERTS } from '../notifications/domain/templates';
import { RETRY_SCHEDULE_PATTERN } from '../notifications/domain/retry-schedule';

const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);
/** Nothing, or items matching `item` separated by commas. */
const commaList = (item: string) => new RegExp(`^(\\s*|\\s*${item}(\\s*,\\s*${item})*\\s*)$`);

export class NotificationServiceConfig extends ServiceConfig {
  override PORT = 3004;
  protected get databaseSuffix() {
    return 'notification';
  }
  override SERVICE_NAME = 'notification-service';

  /** `smtp://user:pass@host:587`, `smtps://…`. Unset: emails are rendered and stored (`suppressed`), readable through the API. */
  @IsOptional() @Matches(/^smtps?:\/\//) SMTP_URL?: string = undefined;
  /** The sender of every email: an address, with a name before it in angle brackets or without one. */
  @Matches(/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)\s*$/, { message: 'MAIL_FROM must be an email address, with a name before it in angle brackets or without one (Shop <orders@shop.example>)' })
  MAIL_FROM = 'Shop <orders@shop.localhost>';
  /** The shop's name in every message. */
  @IsString() @MaxLength(100) SHOP_NAME = 'Our shop';
  /** A Slack incoming-webhook URL for staff alerts; unset: alerts are recorded as `suppressed`. */
  @IsOptional() @Matches(/^https?:\/\//) SLACK_WEBHOOK_URL?: string = undefined;
  /** A Twilio-compatible API (`https://api.twilio.com`); all four SMS settings, or texts are `suppressed`. */
  @IsOptional() @Matches(/^https?:\/\//) SMS_API_URL?: string = undefined;
  @IsOptional() @IsString() SMS_ACCOUNT_SID?: string = undefined;
  @IsOptional() @IsString() SMS_AUTH_TOKEN?: string = undefined;
  @IsOptional() @IsString() SMS_FROM?: string = undefined;
  /** Staff addresses that get the alerts by email (comma separated). */
  @Matches(commaList('[^,\\s@]+@[^,\\s@]+'), { message: 'STAFF_ALERT_EMAILS must be email addresses, comma separated' }) STAFF_ALERT_EMAILS = '';
  /** Which alerts go to Slack and staff email (comma separated). */
  @Matches(commaList(`(${STAFF_ALERTS.map((a) => a.replace('.', '\\.')).join('|')})`), { message: `STAFF_ALERT_EVENTS must list some of ${STAFF_ALERTS.join(', ')}` })
  STAFF_ALERT_EVENTS = DEFAULT_STAFF_ALERTS.join(',');
  /** Webhooks may reach private, loopback and link-local addresses (on by default outside production). */
  @IsBoolean() WEBHOOK_ALLOW_PRIVATE_NETWORKS = !inProduction();
  /** After a rotation the previous secret signs too for this long. */
  @IsInt() @Min(0) @Max(24 * 30) WEBHOOK_SECRET_GRACE_HOURS = 24;
  /** Delays between attempts of every channel (Standard Webhooks' schedule, to about three days). */
  @Matches(RETRY_SCHEDULE_PATTERN) NOTIFICATION_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,14h,20h,20h';
  /** Each attempt (SMTP, SMS, Slack, webhook) gives up after this long. */
  @IsInt() @Min(100) @Max(120_000) SEND_TIMEOUT_MS = 10_000;
  /** Messages one instance sends at once per channel. */
  @IsInt() @Min(1) @Max(200) SEND_CONCURRENCY = 16;
  /** How often due messages are looked for (ms). */
  @IsInt() @Min(10) @Max(60_000) SEND_POLL_MS = 200;
  /** The folder of the templates (replace it to change how messages read). */
  @IsString() NOTIFICATION_TEMPLATES_DIR = join(__dirname, '..', 'templates');
  @IsString() NOTIFICATION_DEFAULT_LOCALE = 'en';
  /** Where the gateway is reached from outside: links to the order status page and the admin panel. */
  @Matches(/^https?:\/\//) PUBLIC_BASE_URL = 'http://localhost:3000';
  /** Signs the customer's order status links; the gateway verifies them with the same secret. */
  @IsString() @MinLength(16)
  @NotDevelopmentSecretInProduction(DEVELOPMENT.ORDER_LINK_SECRET)
  ORDER_LINK_SECRET = DEVELOPMENT.ORDER_LINK_SECRET;
  @IsInt() @Min(1) @Max(365) ORDER_LINK_TTL_DAYS = 30;
  /** The delivery log (rendered content and attempts) is kept this long, then deleted with housekeeping. */
  @IsInt() @Min(1) NOTIFICATION_RETENTION_DAYS = 180;

  staffEmails(): string[] {
    return list(this.STAFF_ALERT_EMAILS);
  }

  staffAlerts(): Set<string> {
    return new Set(list(this.STAFF_ALERT_EVENTS));
  }
}
