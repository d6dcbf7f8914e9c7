import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { OrderSummaryView } from '@contracts/orders/order-queries.dto';
import type { StatusView } from '@contracts/orders/order.view';
import { Badge } from '../../ui/Badge';
import { ActionDialog } from '../../ui/ActionDialog';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { dateTime, money } from '../../ui/format';
import { BulkResults } from './BulkResults';
import { BulkResult, forEachOrder } from './for-each-order';
import { ordersCsv } from './orders-csv';
import { download, downloadPackingSlips, markPaid, ship } from './order-actions';
import { useOrders, useStats, useStatuses } from './queries';

/** The list's state lives in the URL: a link (or a bookmark) reproduces the view. */
const FILTERS = ['q', 'status', 'paymentStatus', 'shipmentStatus', 'customerEmail', 'createdFrom', 'createdTo', 'sort', 'order'] as const;
const PAGE_SIZE = 25;

function StatusSelect({ label, name, options, value }: { label: string; name: string; options: StatusView[] | undefined; value: string }) {
  return (
    <Field label={label} name={name}>
      <select defaultValue={value}>
        <option value="">Any</option>
        {options?.map((status) => <option key={status.code} value={status.code}>{status.name}</option>)}
      </select>
    </Field>
  );
}

export default function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries([...FILTERS, 'cursor'].map((key) => [key, params.get(key) ?? undefined]));
  const orders = useOrders({ ...query, limit: PAGE_SIZE, includeTotal: true });
  const statuses = useStatuses();
  const stats = useStats();
  const client = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ title: string; results: BulkResult[] } | null>(null);
  const items = orders.data?.items ?? [];
  const chosen = items.filter((order) => selected.has(order.id));

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
    setSelected(new Set());
  };
  const filterBy = (status: string) => setParams(status ? { status } : {});
  const toggle = (id: string) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const runBulk = async (title: string, action: (order: OrderSummaryView) => Promise<string>) => {
    setBulk({ title, results: await forEachOrder(chosen, action) });
    await client.invalidateQueries();
  };

  return (
    <>
      <h1>Orders</h1>
      <nav className="status-counts" aria-label="Orders per status">
        <button type="button" aria-pressed={!query.status} onClick={() => filterBy('')}>
          All <span className="count">{Object.values(stats.data?.counts ?? {}).reduce((sum, count) => sum + count, 0)}</span>
        </button>
        {statuses.data?.orderStatus.map((status) => (
          <button type="button" key={status.code} aria-pressed={query.status === status.code} onClick={() => filterBy(status.code)}>
            <Badge status={status} /> <span className="count">{stats.data?.counts[status.code] ?? 0}</span>
          </button>
        ))}
      </nav>

      {/* folded on a phone, where the filters would push the list below the fold */}
      <details className="filters-panel" open={!window.matchMedia('(max-width: 640px)').matches}>
        <summary>Filters{FILTERS.some((key) => params.get(key)) ? ' (active)' : ''}</summary>
        <form className="filters" onSubmit={applyFilters} role="search" aria-label="Filter orders" key={params.toString()}>
          <Field label="Search" name="q" hint="Order number, or part of the customer's email or name (3 characters or more)">
            <input type="search" defaultValue={query.q} />
          </Field>
          <StatusSelect label="Order status" name="status" options={statuses.data?.orderStatus} value={query.status ?? ''} />
          <StatusSelect label="Payment" name="paymentStatus" options={statuses.data?.paymentStatus} value={query.paymentStatus ?? ''} />
          <StatusSelect label="Shipment" name="shipmentStatus" options={statuses.data?.shipmentStatus} value={query.shipmentStatus ?? ''} />
          <Field label="Customer email" name="customerEmail"><input type="email" defaultValue={query.customerEmail} /></Field>
          <Field label="Placed from" name="createdFrom"><input type="date" defaultValue={query.createdFrom} /></Field>
          <Field label="Placed before" name="createdTo"><input type="date" defaultValue={query.createdTo} /></Field>
          <Field label="Sort by" name="sort">
            <select defaultValue={query.sort ?? 'createdAt'}>
              <option value="createdAt">Date placed</option>
              <option value="grandTotal">Total</option>
              <option value="orderNumber">Order number</option>
            </select>
          </Field>
          <Field label="Order" name="order">
            <select defaultValue={query.order ?? 'desc'}>
              <option value="desc">Descending</option>
              <option value="asc">Ascending</option>
            </select>
          </Field>
          <div className="filter-actions">
            <button type="submit" className="primary">Apply</button>
            <button type="button" onClick={() => setParams({})}>Reset</button>
          </div>
        </form>
      </details>

      <div className="bulk-bar" role="toolbar" aria-label="Actions for the selected orders">
        <span>{chosen.length} selected</span>
        <ActionDialog label="Mark paid" title="Mark the selected orders paid" submitLabel={`Mark ${chosen.length} paid`} disabled={!chosen.length}
          onSubmit={() => runBulk('Mark paid', async (order) => (await markPaid(order), `paid ${money(order.grandTotal, order.currency)}`))}>
          {() => <p>Records a manual capture of each order's total ({chosen.map((order) => order.orderNumber).join(', ')}).</p>}
        </ActionDialog>
        <ActionDialog label="Ship" title="Ship the selected orders" submitLabel={`Ship ${chosen.length}`} disabled={!chosen.length}
          onSubmit={async (form) => {
            const carrier = String(form.get('carrier') ?? '').trim();
            await runBulk(`Ship with ${carrier}`, async (order) => `shipped as ${(await ship(order.id, { carrier, notifyCustomer: form.get('notifyCustomer') === 'on' })).shipmentNumber}`);
          }}>
          {(error) => (
            <>
              <p>Ships everything not shipped yet of each order, with one carrier.</p>
              <Field label="Carrier" name="carrier" error={error}><input required placeholder="ups" /></Field>
              <label className="check"><input type="checkbox" name="notifyCustomer" defaultChecked /> Tell the customers</label>
            </>
          )}
        </ActionDialog>
        <button type="button" disabled={!chosen.length} onClick={() => runBulk('Packing slips', (order) => downloadPackingSlips(order.id))}>Print packing slips</button>
        <button type="button" disabled={!chosen.length} onClick={() => download(new Blob([ordersCsv(chosen)], { type: 'text/csv' }), 'orders.csv')}>Export CSV</button>
      </div>

      {orders.data && <p role="status">{orders.data.total} order{orders.data.total === 1 ? '' : 's'} match.</p>}
      {bulk && <BulkResults title={bulk.title} results={bulk.results} onClose={() => setBulk(null)} />}
      <ProblemMessage error={orders.error} />

      <div className="table-wrap">
        <table className="orders">
          <caption className="visually-hidden">Orders</caption>
          <thead>
            <tr>
              <th scope="col"><input type="checkbox" aria-label="Select every order on this page" checked={items.length > 0 && chosen.length === items.length}
                onChange={(event) => setSelected(event.target.checked ? new Set(items.map((order) => order.id)) : new Set())} /></th>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Payment</th>
              <th scope="col">Shipment</th>
              <th scope="col" className="number">Total</th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => (
              <tr key={order.id} aria-selected={selected.has(order.id)}>
                <td><input type="checkbox" aria-label={`Select ${order.orderNumber}`} checked={selected.has(order.id)} onChange={() => toggle(order.id)} /></td>
                <td><Link to={`/admin/orders/${order.orderNumber}`}>{order.orderNumber}</Link></td>
                <td>{dateTime(order.createdAt)}</td>
                <td>{order.customer.fullName}<br /><small>{order.customer.email}</small></td>
                <td><Badge status={order.status} label="Status" /></td>
                <td><Badge status={order.paymentStatus} label="Payment" /></td>
                <td><Badge status={order.shipmentStatus} label="Shipment" /></td>
                <td className="number">{money(order.grandTotal, order.currency)}</td>
              </tr>
            ))}
            {!orders.isPending && !items.length && <tr><td colSpan={8}>No orders match these filters.</td></tr>}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        {query.cursor && <button type="button" onClick={() => { const next = new URLSearchParams(params); next.delete('cursor'); setParams(next); }}>First page</button>}
        {orders.data?.nextCursor && <button type="button" onClick={() => { const next = new URLSearchParams(params); next.set('cursor', orders.data!.nextCursor!); setParams(next); }}>Next page</button>}
      </nav>
    </>
  );
}
