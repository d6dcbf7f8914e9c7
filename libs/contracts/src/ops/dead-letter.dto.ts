import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEAD_LETTER_STATUSES = ['dead', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** The newest dead letters of every service, merged: one list, not paged (each service keeps its own order). */
export class ListDeadLettersQueryDto {
  /** `dead` (waiting for an operator) unless asked otherwise. */
  @IsOptional() @IsIn(DEAD_LETTER_STATUSES) status?: DeadLetterStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
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
