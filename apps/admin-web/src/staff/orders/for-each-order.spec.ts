import { forEachOrder } from './for-each-order';

describe('forEachOrder', () => {
  it('keeps going past a failure and reports each order in its place, a few at a time', async () => {
    let running = 0;
    let most = 0;
    const orders = Array.from({ length: 9 }, (_, i) => ({ orderNumber: `ORD-${i}` }));
    const results = await forEachOrder(orders, async (order) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (order.orderNumber === 'ORD-3') throw new Error('Order ORD-3 is canceled.');
      return 'done';
    });
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, true, true, true, true, true]);
    expect(results[3]).toEqual({ orderNumber: 'ORD-3', ok: false, message: 'Order ORD-3 is canceled.' });
    expect(most).toBe(4);
  });
});
