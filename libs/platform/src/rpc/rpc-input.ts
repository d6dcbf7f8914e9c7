import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { RpcMeta, RpcRequest } from '@oms/contracts';
import { validateInput } from '../errors/validate';

const dataOf = (context: ExecutionContext) => context.switchToRpc().getData<RpcRequest<Record<string, unknown> | undefined>>().data ?? {};

/**
 * An RPC handler's input, validated once on entry into `type` (a 400 naming every field error): the
 * request's `data[field]`, or the whole `data` without a field. Use cases receive it typed and trust it.
 */
export const RpcInput = <T extends object>(type: ClassConstructor<T>, field?: string) =>
  createParamDecorator((_: unknown, context: ExecutionContext) => {
    const data = dataOf(context);
    return validateInput(type, (field === undefined ? data : data[field]) ?? {});
  })();

/** A path-like argument of the request (an order reference, a SKU, an id), as text. */
export const RpcArg = (field: string) => createParamDecorator((_: unknown, context: ExecutionContext) => String(dataOf(context)[field] ?? ''))();

/** Who is calling, the correlation id and the Idempotency-Key. */
export const RpcCaller = createParamDecorator((_: unknown, context: ExecutionContext): RpcMeta => context.switchToRpc().getData<RpcRequest<unknown>>().meta);
