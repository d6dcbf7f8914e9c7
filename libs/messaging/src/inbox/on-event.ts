import { ClassConstructor } from 'class-transformer';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@oms/contracts';
import { EventHandler } from './event-handler';

const ON_EVENT = Symbol('oms:on-event');
const ON_GIVE_UP = Symbol('oms:on-give-up');

interface EventBinding {
  type: string;
  payloadType: ClassConstructor<object>;
}

/** A method that applies one event type inside the inbox transaction: `(payload, manager, event)`. */
export type EventMethod<T> = (payload: T, manager: EntityManager, event: EventEnvelope<T>) => Promise<unknown>;

/**
 * Declares the method the handler of `type` (its routing key) in the service's consumer, discovered at
 * start like `@MessagePattern`. The payload is validated as `payloadType` once, before the method runs.
 */
export const OnEvent = <T extends object>(type: string, payloadType: ClassConstructor<T>) =>
  <M extends EventMethod<T>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    Reflect.defineMetadata(ON_EVENT, { type, payloadType } satisfies EventBinding, descriptor.value!);
  };

/**
 * Declares the method that settles an event of `type` that can never be applied (see
 * `EventHandler.giveUp`): `(payload, manager, reason)`.
 */
export const OnEventGivenUp = (type: string) =>
  <M extends (payload: never, manager: EntityManager, reason: string) => Promise<unknown>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    Reflect.defineMetadata(ON_GIVE_UP, type, descriptor.value!);
  };

/** The event handlers an object declares with `@OnEvent` / `@OnEventGivenUp`, bound to it. */
export function declaredHandlers(instance: object): EventHandler[] {
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      // only plain methods: reading an accessor would run it
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (name !== 'constructor' && typeof method === 'function' && !methods.has(name)) methods.set(name, method);
    }
  }
  const giveUps = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const method of methods.values()) {
    const type: string | undefined = Reflect.getMetadata(ON_GIVE_UP, method);
    if (type) giveUps.set(type, method);
  }
  return [...methods.values()].flatMap((method) => {
    const binding: EventBinding | undefined = Reflect.getMetadata(ON_EVENT, method);
    if (!binding) return [];
    const giveUp = giveUps.get(binding.type);
    return [{
      type: binding.type,
      payloadType: binding.payloadType,
      handle: async (event: EventEnvelope<object>, manager: EntityManager) => void (await method.call(instance, event.payload, manager, event)),
      ...(giveUp ? { giveUp: async (event: EventEnvelope<object>, manager: EntityManager, reason: string) => void (await giveUp.call(instance, event.payload, manager, reason)) } : {}),
    }];
  });
}
