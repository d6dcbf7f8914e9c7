import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../common/page';

export const DEAD_LETTER_STATUSES = ['dead', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export class ListDeadLettersQueryDto extends PageQueryDto {
  /** `dead` (waiting for an operator) unless asked otherwise. */
  @IsOptional() @IsIn(DEAD_LETTER_STATUSES) status?: DeadLetterStatus;
}

/** A message a service gave up on, kept for an operator: why, how often it was tried, what it said. */
export interface DeadLetterView {
  id: string;
  service: string;
  queue: string;
  messageId: string;
  routingKey: string;
  reason: string;
  attempts: number;
  status: DeadLetterStatus;
  firstSeen: string;
  lastSeen: string;
  /** The message body (the event envelope, as JSON when it is JSON). */
  payload: unknown;
}

export interface DeadLettersView {
  items: DeadLetterView[];
  /** Services that did not answer: their dead letters are not in the list. */
  unavailable: string[];
}
