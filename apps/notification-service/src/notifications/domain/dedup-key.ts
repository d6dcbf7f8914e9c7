import { createHash } from 'node:crypto';
import { NotificationChannel } from '@oms/contracts';

export interface MessageIdentity {
  eventId: string;
  channel: NotificationChannel;
  recipient: string;
  template: string;
}

/**
 * What makes a message the same message: one per (event, channel, recipient, template), however often
 * the event is delivered. Recipients compare case-insensitively (an email address, a phone number, a
 * subscription id). A fixed-length digest, so a long webhook URL cannot outgrow the unique index.
 */
export function dedupKey({ eventId, channel, recipient, template }: MessageIdentity): string {
  // JSON keeps the parts apart: no text moved from one part to the next gives the same key
  const parts = JSON.stringify([eventId, channel, template, recipient.trim().toLowerCase()]);
  return createHash('sha256').update(parts).digest('hex');
}
