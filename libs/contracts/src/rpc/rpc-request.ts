import { Actor } from '../common/actor';

/** What the gateway sends along with every RPC call. */
export interface RpcMeta {
  correlationId: string;
  actor: Actor;
  /** The `Idempotency-Key` header of a mutation, if any. */
  idempotencyKey?: string;
  /** When the caller stops waiting (epoch ms): work not committed by then is rolled back. */
  deadline?: number;
}

export interface RpcRequest<TData> {
  meta: RpcMeta;
  data: TData;
}
