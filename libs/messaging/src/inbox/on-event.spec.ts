import 'reflect-metadata';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@oms/contracts';
import { declaredHandlers, OnEvent, OnEvents, OnEventGivenUp } from './on-event';

class Placed {
  orderId: string;
}
class Canceled {
  orderId: string;
}

class Base {
  readonly seen: string[] = [];

  @OnEvent('order.canceled', Canceled)
  async canceled(payload: Canceled) {
    this.seen.push(`canceled ${payload.orderId}`);
  }
}

class OrderEvents extends Base {
  get accessor(): string {
    throw new Error('an accessor must not be read');
  }

  @OnEvent('order.placed', Placed)
  async placed(payload: Placed, _manager: EntityManager, event: EventEnvelope<Placed>) {
    this.seen.push(`placed ${payload.orderId} (${event.id})`);
  }

  @OnEventGivenUp('order.placed')
  async refuse(payload: Placed, _manager: EntityManager, reason: string) {
    this.seen.push(`refused ${payload.orderId}: ${reason}`);
  }

  async helper() {
    return 'not a handler';
  }
}

class ReplicaEvents {
  readonly calls: string[][] = [];

  @OnEvents('order.reserved', Placed, (payload) => payload.orderId)
  async reserved(events: EventEnvelope<Placed>[]) {
    this.calls.push(events.map((event) => event.payload.orderId));
  }
}

describe('declaredHandlers', () => {
  const manager = {} as EntityManager;
  const event = <T>(type: string, payload: T) => ({ id: 'e-1', type, payload }) as EventEnvelope<T>;

  it('finds every @OnEvent method, inherited ones too, bound to the object, without reading accessors', async () => {
    const events = new OrderEvents();
    const handlers = declaredHandlers(events);
    expect(handlers.map((h) => [h.type, h.payloadType])).toEqual(expect.arrayContaining([['order.placed', Placed], ['order.canceled', Canceled]]));
    expect(handlers).toHaveLength(2);
    const byType = new Map(handlers.map((h) => [h.type, h]));
    await byType.get('order.placed')!.handle(event('order.placed', { orderId: 'o-1' }), manager);
    await byType.get('order.canceled')!.handle(event('order.canceled', { orderId: 'o-2' }), manager);
    await byType.get('order.placed')!.giveUp!(event('order.placed', { orderId: 'o-3' }), manager, 'out of range');
    expect(byType.get('order.canceled')!.giveUp).toBeUndefined();
    expect(events.seen).toEqual(['placed o-1 (e-1)', 'canceled o-2', 'refused o-3: out of range']);
  });

  it('declares an @OnEvents method as a handler that applies one event or many, keyed as the declaration says', async () => {
    const events = new ReplicaEvents();
    const [handler] = declaredHandlers(events);
    expect([handler.type, handler.payloadType]).toEqual(['order.reserved', Placed]);
    expect(handler.keyOf!(event('order.reserved', { orderId: 'o-7' }))).toBe('o-7');
    await handler.handle(event('order.reserved', { orderId: 'o-1' }), manager);
    await handler.handleMany!([event('order.reserved', { orderId: 'o-2' }), event('order.reserved', { orderId: 'o-3' })], manager);
    expect(events.calls).toEqual([['o-1'], ['o-2', 'o-3']]);
  });

  it('finds nothing on an object without declarations', () => {
    expect(declaredHandlers({ handle: () => undefined })).toEqual([]);
  });
});
