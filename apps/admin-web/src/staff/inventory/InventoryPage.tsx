import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@contracts/common/page';
import type { MovementView, StockView } from '@contracts/inventory/set-stock.dto';
import { api } from '../../api/client';
import { validateForm } from '../../forms/validate';
import { ActionDialog } from '../../ui/ActionDialog';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { dateTime, humanize } from '../../ui/format';

const skuPath = (sku: string, rest = '') => `/api/inventory/${encodeURIComponent(sku)}${rest}`;
const integer = (value: FormDataEntryValue | null) => (String(value ?? '').trim() !== '' && Number.isInteger(Number(value)) ? Number(value) : String(value ?? '') || undefined);

function Movements({ sku }: { sku: string }) {
  const movements = useQuery({ queryKey: ['inventory', 'movements', sku], queryFn: () => api<Page<MovementView>>(skuPath(sku, '/movements'), { query: { limit: 50 } }) });
  return (
    <section aria-labelledby="movements-title">
      <h2 id="movements-title">Movements of {sku}</h2>
      <ProblemMessage error={movements.error} />
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col" className="number">On hand</th><th scope="col" className="number">Reserved</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {movements.data?.items.map((movement) => (
              <tr key={movement.id}>
                <td>{dateTime(movement.createdAt)}</td><td>{humanize(movement.kind)}</td>
                <td className="number">{movement.onHandDelta > 0 ? '+' : ''}{movement.onHandDelta}</td>
                <td className="number">{movement.reservedDelta > 0 ? '+' : ''}{movement.reservedDelta}</td>
                <td>{movement.reason ?? (movement.orderId ? `order ${movement.orderId.slice(0, 8)}` : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const lowStock = params.get('lowStock') === 'true';
  const cursor = params.get('cursor') ?? undefined;
  const [sku, setSku] = useState<string | null>(params.get('sku'));
  const client = useQueryClient();
  const stock = useQuery({
    queryKey: ['inventory', 'list', lowStock, cursor],
    queryFn: () => api<Page<StockView>>('/api/inventory', { query: { lowStock: lowStock || undefined, cursor, limit: 50 } }),
  });
  const changed = () => client.invalidateQueries({ queryKey: ['inventory'] });
  const setStock = async (form: FormData) => {
    const target = String(form.get('sku') ?? '').trim();
    const body = { onHand: integer(form.get('onHand')), lowStockThreshold: integer(form.get('lowStockThreshold')), allowBackorder: form.get('allowBackorder') === 'on' };
    await validateForm('SetStockDto', body);
    await api(skuPath(target), { method: 'PUT', body });
    await changed();
  };
  return (
    <>
      <h1>Inventory</h1>
      <div className="toolbar">
        <label className="check"><input type="checkbox" checked={lowStock} onChange={(event) => setParams(event.target.checked ? { lowStock: 'true' } : {})} /> Only low stock</label>
        <ActionDialog label="Set stock" title="Set the stock of a SKU" onSubmit={setStock}>
          {(error) => (
            <>
              <Field label="SKU" name="sku" error={error}><input required /></Field>
              <Field label="On hand" name="onHand" error={error}><input type="number" min={0} required /></Field>
              <Field label="Low-stock threshold" name="lowStockThreshold" error={error}><input type="number" min={0} /></Field>
              <label className="check"><input type="checkbox" name="allowBackorder" /> Allow backorders</label>
            </>
          )}
        </ActionDialog>
      </div>
      <ProblemMessage error={stock.error} />
      <div className="table-wrap">
        <table className="inventory">
          <thead><tr><th scope="col">SKU</th><th scope="col" className="number">On hand</th><th scope="col" className="number">Reserved</th><th scope="col" className="number">Available</th><th scope="col" className="number">Low at</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {stock.data?.items.map((row) => (
              <tr key={row.sku} className={row.available < row.lowStockThreshold ? 'low' : undefined}>
                <th scope="row">{row.sku}</th>
                <td className="number">{row.onHand}</td><td className="number">{row.reserved}</td>
                <td className="number">{row.available}{row.available < row.lowStockThreshold && <span className="tag tag-low">low</span>}</td>
                <td className="number">{row.lowStockThreshold}</td>
                <td className="actions">
                  <ActionDialog label="Adjust" title={`Adjust ${row.sku}`}
                    onSubmit={async (form) => {
                      const body = { delta: integer(form.get('delta')), reason: String(form.get('reason') ?? '').trim() };
                      await validateForm('AdjustStockDto', body);
                      await api(skuPath(row.sku, '/adjustments'), { method: 'POST', body });
                      await changed();
                    }}>
                    {(error) => (
                      <>
                        <Field label="Units to add (negative to remove)" name="delta" error={error}><input type="number" required /></Field>
                        <Field label="Reason" name="reason" error={error}><input required placeholder="stock count" /></Field>
                      </>
                    )}
                  </ActionDialog>
                  <button type="button" onClick={() => setSku(row.sku)} aria-pressed={sku === row.sku}>Movements</button>
                </td>
              </tr>
            ))}
            {stock.data && !stock.data.items.length && <tr><td colSpan={6}>{lowStock ? 'Nothing is low on stock.' : 'No stock recorded yet.'}</td></tr>}
          </tbody>
        </table>
      </div>
      {stock.data?.nextCursor && <button type="button" onClick={() => setParams({ ...(lowStock ? { lowStock: 'true' } : {}), cursor: stock.data!.nextCursor! })}>Next page</button>}
      {sku && <Movements sku={sku} />}
    </>
  );
}
