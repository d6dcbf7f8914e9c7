export interface BulkResult {
  orderNumber: string;
  ok: boolean;
  message: string;
}

/** Runs the action for each order, a few at a time, collecting each outcome instead of stopping at the first failure. */
export async function forEachOrder<T extends { orderNumber: string }>(orders: T[], action: (order: T) => Promise<string>): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(orders.length);
  let next = 0;
  const worker = async () => {
    while (next < orders.length) {
      const index = next++;
      const order = orders[index];
      try {
        results[index] = { orderNumber: order.orderNumber, ok: true, message: await action(order) };
      } catch (error) {
        results[index] = { orderNumber: order.orderNumber, ok: false, message: (error as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, orders.length) }, worker));
  return results;
}
