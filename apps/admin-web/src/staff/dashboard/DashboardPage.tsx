import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SalesByDayRow, TopProductRow } from '@contracts/orders/reports.dto';
import type { ReconciliationView } from '@contracts/payments/payment.dto';
import { api } from '../../api/client';
import { ActionDialog } from '../../ui/ActionDialog';
import { Badge } from '../../ui/Badge';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { dateTime, day, humanize, money } from '../../ui/format';
import { useStats, useStatuses } from '../orders/queries';
import { BarChart } from './BarChart';

const DAYS = 30;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function period() {
  const to = new Date(Date.now() + 86_400_000);
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  return { createdFrom: isoDay(from), createdTo: isoDay(to), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** Every day of the period, with 0 for days without orders, per currency. */
function seriesPerCurrency(rows: SalesByDayRow[], from: string) {
  const currencies = [...new Set(rows.map((row) => row.currency))];
  const days = Array.from({ length: DAYS + 1 }, (_, index) => isoDay(new Date(Date.parse(from) + index * 86_400_000)));
  return currencies.map((currency) => ({
    currency,
    revenue: days.map((d) => ({ label: day(d), value: rows.find((row) => row.currency === currency && row.day === d)?.netRevenue ?? 0 })),
    orders: days.map((d) => ({ label: day(d), value: rows.find((row) => row.currency === currency && row.day === d)?.orders ?? 0 })),
  }));
}

function Reconciliations() {
  const client = useQueryClient();
  const runs = useQuery({ queryKey: ['dashboard', 'reconciliations'], queryFn: () => api<{ items: ReconciliationView[] }>('/api/payments/reconciliations', { query: { limit: 10 } }) });
  const upload = async (form: FormData) => {
    const file = form.get('report');
    if (!(file instanceof File) || !file.size) throw new Error('Choose the settlement CSV file first.');
    await api('/api/payments/reconciliations', { method: 'POST', csv: await file.text(), query: { provider: String(form.get('provider') || '') || undefined } });
    await client.invalidateQueries({ queryKey: ['dashboard', 'reconciliations'] });
  };
  return (
    <section aria-labelledby="recon-title">
      <h2 id="recon-title">Payment reconciliation</h2>
      <ActionDialog label="Upload settlement report" title="Reconcile a settlement report" submitLabel="Reconcile" onSubmit={upload}>
        {(error) => (
          <>
            <p>The provider's CSV: reference, orderNumber, type, amount, currency, fee, settledAt.</p>
            <Field label="Settlement CSV" name="report" error={error}><input type="file" accept=".csv,text/csv" required /></Field>
            <Field label="Provider" name="provider" error={error}><input placeholder="stripe" /></Field>
          </>
        )}
      </ActionDialog>
      <ProblemMessage error={runs.error} />
      {runs.data?.items.length === 0 && <p>No reconciliation has run yet.</p>}
      {runs.data?.items.map((run) => (
        <details key={run.id} className="card" open={run === runs.data!.items[0]}>
          <summary>{dateTime(run.createdAt)} · {run.provider ?? 'any provider'} · {run.summary.rows} rows, {run.summary.matched} matched, <strong>{run.summary.discrepancies} discrepancies</strong></summary>
          <p>{run.summary.totals.map((total) => `${total.currency}: gross ${money(total.gross, total.currency)}, fees ${money(total.fees, total.currency)}, net ${money(total.net, total.currency)}`).join(' · ')}</p>
          {run.discrepancies.length > 0 && (
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">Kind</th><th scope="col">Reference</th><th scope="col">Order</th><th scope="col">Expected</th><th scope="col">Actual</th></tr></thead>
                <tbody>
                  {run.discrepancies.map((d, index) => (
                    <tr key={index}><td>{humanize(d.kind)}</td><td>{d.reference}</td><td>{d.orderNumber ?? '—'}</td><td>{d.expected ?? '—'}</td><td>{d.actual ?? '—'}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </details>
      ))}
    </section>
  );
}

export default function DashboardPage() {
  const range = period();
  const stats = useStats();
  const statuses = useStatuses();
  const sales = useQuery({ queryKey: ['dashboard', 'sales', range.createdFrom], queryFn: () => api<{ items: SalesByDayRow[] }>('/api/reports/sales-by-day', { query: range }) });
  const top = useQuery({ queryKey: ['dashboard', 'top', range.createdFrom], queryFn: () => api<{ items: TopProductRow[] }>('/api/reports/top-products', { query: { ...range, limit: 10 } }) });
  return (
    <>
      <h1>Dashboard</h1>
      <p>The last {DAYS} days.</p>
      <ProblemMessage error={sales.error ?? stats.error ?? top.error} />
      <section aria-labelledby="sales-title">
        <h2 id="sales-title">Sales per day</h2>
        {sales.data && !sales.data.items.length && <p>No orders in this period.</p>}
        {sales.data && seriesPerCurrency(sales.data.items, range.createdFrom).map((series) => (
          <div key={series.currency} className="two-columns">
            <BarChart title={`Net revenue in ${series.currency}`} points={series.revenue} format={(value) => money(value, series.currency)} />
            <BarChart title={`Orders in ${series.currency}`} points={series.orders} format={String} />
          </div>
        ))}
      </section>
      <div className="two-columns">
        <section aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">Orders per status</h2>
          <ul className="plain breakdown">
            {statuses.data?.orderStatus.map((status) => <li key={status.code}><Badge status={status} /> {stats.data?.counts[status.code] ?? 0}</li>)}
          </ul>
          <ul className="plain">
            {stats.data?.currencies.map((c) => <li key={c.currency}>{c.currency}: {c.orders} orders, net {money(c.netRevenue, c.currency)}, average {money(c.averageOrderValue, c.currency)}</li>)}
          </ul>
        </section>
        <section aria-labelledby="top-title">
          <h2 id="top-title">Top products</h2>
          <ol>
            {top.data?.items.map((row) => <li key={`${row.sku}-${row.currency}`}>{row.name} ({row.sku}): {row.qty} sold, {money(row.revenue, row.currency)}</li>)}
          </ol>
        </section>
      </div>
      <Reconciliations />
    </>
  );
}
