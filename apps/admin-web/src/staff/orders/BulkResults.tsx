export interface BulkResult {
  orderNumber: string;
  ok: boolean;
  message: string;
}

/** One line per order of a bulk action: what happened to it, or the API's reason it did not. */
export function BulkResults({ title, results, onClose }: { title: string; results: BulkResult[]; onClose: () => void }) {
  const failed = results.filter((result) => !result.ok).length;
  return (
    <section className="bulk-results" aria-live="polite" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{title}: {results.length - failed} done{failed ? `, ${failed} failed` : ''}</h2>
      <ul>
        {results.map((result) => (
          <li key={result.orderNumber} className={result.ok ? 'ok' : 'failed'}>
            <strong>{result.orderNumber}</strong> {result.ok ? '✓' : '✗'} {result.message}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>Dismiss</button>
    </section>
  );
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
