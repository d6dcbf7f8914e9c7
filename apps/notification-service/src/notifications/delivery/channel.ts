import { NotificationChannel } from '@oms/contracts';
import { Notification } from '../persistence/notification.repository';
import { HttpAnswer } from './http-post';
import { parseRetryAfter } from '../domain/retry-schedule';

export type SendResult =
  | { ok: true; responseStatus: number | null }
  | {
      ok: false;
      error: string;
      responseStatus: number | null;
      /** Retrying cannot help (a rejected address, a malformed request). */
      permanent?: boolean;
      /** The receiver said it is gone for good (410): its subscription is disabled. */
      gone?: boolean;
      retryAfterMs?: number | null;
    };

/** One way of sending: email, SMS, Slack or webhooks. */
export interface Channel {
  readonly name: NotificationChannel;
  /** Why this channel sends nothing here (its settings are absent); null when it is configured. */
  unavailableReason(): string | null;
  send(notification: Notification): Promise<SendResult>;
}

/**
 * How an HTTP provider's answer reads: 2xx sent; 408, 429 and 5xx are worth retrying (after
 * `Retry-After` when given); other 4xx will be refused again.
 */
export function httpOutcome(answer: HttpAnswer, retryAll = false): SendResult {
  if (answer.status >= 200 && answer.status < 300) return { ok: true, responseStatus: answer.status };
  const error = `HTTP ${answer.status}${answer.body ? `: ${answer.body.slice(0, 300)}` : ''}`;
  const retryAfter = answer.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  const retryable = retryAll || answer.status === 408 || answer.status === 429 || answer.status >= 500;
  return { ok: false, error, responseStatus: answer.status, permanent: !retryable, retryAfterMs };
}

/** A failure before any answer (refused, reset, timed out): worth retrying. */
export const transportFailure = (error: unknown): SendResult => ({ ok: false, error: (error as Error).message || String(error), responseStatus: null });
