import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { Actor, RpcMeta } from '@oms/contracts';
import { currentCorrelationId } from '@oms/platform';
import { checkedIdempotencyKey } from '../http/request-meta';
import { OrderLoaders, RpcClients } from './loaders';

/**
 * What every resolver of one GraphQL operation shares. The caller's Authorization (the HTTP header, or
 * the WebSocket connection's `authorization` parameter) is checked by the same guard as REST, which
 * sets `actor`; the loaders batch the RPC calls of the operation.
 */
export interface GraphqlContext {
  authorization?: string;
  actor?: Actor;
  correlationId: string;
  /** The Idempotency-Key header, for mutations that take no `idempotencyKey` argument. */
  idempotencyKey?: string;
  clients: RpcClients;
  loaders?: OrderLoaders;
}

interface WebSocketContext {
  connectionParams?: Record<string, unknown>;
}

/** The context of an HTTP request (`{ req }`) or of a subscription over graphql-ws (its connection). */
export function createContext(input: { req?: Request } | WebSocketContext, clients: RpcClients): GraphqlContext {
  if ('req' in input && input.req) {
    const request = input.req;
    return { authorization: request.header('authorization'), idempotencyKey: request.header('idempotency-key'), correlationId: currentCorrelationId(), clients };
  }
  return { authorization: connectionAuthorization((input as WebSocketContext).connectionParams), correlationId: randomUUID(), clients };
}

/** graphql-ws clients send the token as a connection parameter: `{ authorization: "Bearer …" }` (any case). */
export function connectionAuthorization(params: Record<string, unknown> | undefined): string | undefined {
  const value = Object.entries(params ?? {}).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
  return typeof value === 'string' ? value : undefined;
}

/**
 * What an RPC call carries on: the caller the guard verified, the correlation id, and the mutation's
 * `idempotencyKey` argument or else the Idempotency-Key header (checked as REST checks it).
 */
export function metaOf(context: GraphqlContext, idempotencyKey?: string): RpcMeta {
  if (!context.actor) throw new Error('metaOf called before the auth guard verified the caller');
  const key = idempotencyKey === undefined ? checkedIdempotencyKey(context.idempotencyKey) : checkedIdempotencyKey(idempotencyKey, 'idempotencyKey');
  return { correlationId: context.correlationId, actor: context.actor, idempotencyKey: key };
}

/** The operation's loaders, made on first use (after the guard set the caller). */
export function loadersOf(context: GraphqlContext): OrderLoaders {
  context.loaders ??= new OrderLoaders(context.clients, () => metaOf(context));
  return context.loaders;
}

/** Each event of a subscription is resolved afresh: nothing loaded for an earlier one is reused. */
export function forgetLoaded(context: GraphqlContext) {
  context.loaders = undefined;
}
