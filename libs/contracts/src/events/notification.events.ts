import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Min } from 'class-validator';

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'slack', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * `notification.sent` / `notification.failed`: a message to a customer went out, or gave up for good
 * (the order's timeline shows both). Staff alerts and webhooks are not announced.
 */
export class NotificationOutcomePayload {
  @IsUUID() notificationId: string;
  @IsUUID() orderId: string;
  @IsIn(NOTIFICATION_CHANNELS) channel: NotificationChannel;
  @IsString() template: string;
  /** How a person reads it: "Shipping confirmation emailed to ada@example.com". */
  @IsString() description: string;
  @IsString() recipient: string;
  @IsOptional() @IsString() error?: string | null;
}

/** `ops.message_dead_lettered`: a consumer gave up on a message; it waits in `<queue>.dlq` for an operator. */
export class MessageDeadLetteredPayload {
  @IsString() queue: string;
  @IsOptional() @IsString() messageId: string | null;
  @IsString() routingKey: string;
  @IsString() reason: string;
  @IsInt() @Min(1) attempts: number;
  @IsISO8601() deadLetteredAt: string;
}
