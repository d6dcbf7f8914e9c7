import { parseEvents, staleQueries } from './event-stream';

describe('parseEvents', () => {
  it('splits complete events and keeps a partial one for the next chunk', () => {
    const { events, rest } = parseEvents('event: change\nid: 1\ndata: {"a":1}\n\nevent: heartbeat\ndata: {}\n\nevent: chan');
    expect(events).toEqual([{ event: 'change', data: '{"a":1}' }, { event: 'heartbeat', data: '{}' }]);
    expect(rest).toBe('event: chan');
    expect(parseEvents(`${rest}ge\ndata: {"b":2}\n\n`).events).toEqual([{ event: 'change', data: '{"b":2}' }]);
  });

  it('joins multi-line data, reads CRLF, and calls an unnamed event "message"', () => {
    expect(parseEvents('data: one\r\ndata: two\r\n\r\n').events).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});

describe('staleQueries', () => {
  it('refreshes the order screens for order and shipment changes, stock for stock, the log for notifications', () => {
    expect(staleQueries({ type: 'shipment.created', orderId: 'o', skus: ['A'] })).toEqual(['inventory', 'orders', 'stats', 'order', 'shipments', 'dashboard']);
    expect(staleQueries({ type: 'inventory.low_stock', orderId: null, skus: ['A'] })).toEqual(['inventory']);
    expect(staleQueries({ type: 'notification.sent', orderId: 'o', skus: [] })).toEqual(['notifications', 'orders', 'stats', 'order', 'shipments', 'dashboard']);
    expect(staleQueries({ type: 'ops.message_dead_lettered', orderId: null, skus: [] })).toEqual([]);
  });
});
