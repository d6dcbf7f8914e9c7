import { Problem } from '@oms/contracts';

/** RPC requests go to a service's queue and are answered on RabbitMQ's direct reply-to pseudo-queue. */
export const REPLY_QUEUE = 'amq.rabbitmq.reply-to';

export interface RpcRequestMessage {
  pattern: string;
  data: unknown;
}

export type RpcReplyMessage = { response: unknown } | { err: Problem | unknown };
