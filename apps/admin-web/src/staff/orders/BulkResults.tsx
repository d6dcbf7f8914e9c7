import type { BulkResult } from './for-each-order';

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
