import { ClassConstructor } from 'class-transformer';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@oms/contracts';
import { EventHandler } from './event-handler';

const ON_EVENT = Symbol('oms:on-event');
const ON_EVENTS = Symbol('oms:on-events');
const ON_GIVE_UP = Symbol('oms:on-give-up');

interface EventBinding {
  type: string;
  payloadType: ClassConstructor<object>;
}

interface EventsBinding extends EventBinding {
  keyOf: (payload: never) => string;
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

/** A method that applies many events of one type, each of a different key, inside the inbox transaction: `(events, manager)`. */
export type EventsMethod<T> = (events: EventEnvelope<T>[], manager: EntityManager) => Promise<unknown>;

/**
 * Like `@OnEvent`, for a method that applies many events of `type` at once, in fewer statements than
 * one each. `keyOf` names what an event writes (an order id, say): the consumer hands the method events
 * of different keys together and keeps the events of one key in order (see `EventHandler.keyOf`).
 */
export const OnEvents = <T extends object>(type: string, payloadType: ClassConstructor<T>, keyOf: (payload: T) => string) =>
  <M extends EventsMethod<T>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    Reflect.defineMetadata(ON_EVENTS, { type, payloadType, keyOf } satisfies EventsBinding, descriptor.value!);
  };

/**
 * Declares the method that settles an event of `type` that can never be applied (see
 * `EventHandler.giveUp`): `(payload, manager, reason)`.
 */
export const OnEventGivenUp = (type: string) =>
  <M extends (payload: never, manager: EntityManager, reason: string) => Promise<unknown>>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    Reflect.defineMetadata(ON_GIVE_UP, type, descriptor.value!);
  };

/** The event handlers an object declares with `@OnEvent` / `@OnEvents` / `@OnEventGivenUp`, bound to it. */
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
  const bound = (method: (...args: unknown[]) => Promise<unknown>) => async (...args: unknown[]) => void (await method.call(instance, ...args));
  return [...methods.values()].flatMap((method): EventHandler[] => {
    const many: EventsBinding | undefined = Reflect.getMetadata(ON_EVENTS, method);
    const binding: EventBinding | undefined = Reflect.getMetadata(ON_EVENT, method) ?? many;
    if (!binding) return [];
    const apply = bound(method);
    const giveUp = giveUps.get(binding.type);
    const handler: EventHandler = many
      ? { ...binding, handle: (event, manager) => apply([event], manager), keyOf: (event) => many.keyOf(event.payload as never), handleMany: (events, manager) => apply(events, manager) }
      : { ...binding, handle: (event, manager) => apply(event.payload, manager, event) };
    if (giveUp) handler.giveUp = (event, manager, reason) => bound(giveUp)(event.payload, manager, reason);
    return [handler];
  });
}
