import type { OrderView } from '@contracts/orders/order.view';
import { ActionDialog } from '../../ui/ActionDialog';
import { Field } from '../../ui/Field';
import { money } from '../../ui/format';
import { addNote, cancel, recordPayment, refund, ship } from './order-actions';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const optional = (form: FormData, name: string) => text(form, name) || undefined;
/** A number input's value as a number, or the text itself so that the DTO check names the field. */
const number = (form: FormData, name: string) => {
  const value = text(form, name);
  return value !== '' && Number.isFinite(Number(value)) ? Number(value) : value || undefined;
};

/** The order page's actions, each a confirmed form whose every refusal is shown in words. */
export function OrderActions({ order, onDone }: { order: OrderView; onDone: () => Promise<unknown> }) {
  const open = order.items.filter((item) => item.qty > item.shippedQty);
  const after = (action: Promise<unknown>) => action.then(onDone);
  return (
    <div className="actions" role="toolbar" aria-label="Order actions">
      <ActionDialog label="Record payment" title="Record a payment"
        onSubmit={(form) => after(recordPayment(order.id, {
          type: text(form, 'type'), amount: number(form, 'amount'), provider: text(form, 'provider'), reference: text(form, 'reference'), note: optional(form, 'note'),
        }))}>
        {(error) => (
          <>
            <Field label="Type" name="type" error={error}>
              <select defaultValue="capture">
                <option value="authorization">Authorization</option>
                <option value="capture">Capture</option>
                <option value="void">Void</option>
                <option value="failure">Failure</option>
              </select>
            </Field>
            <Field label={`Amount (${order.currency})`} name="amount" error={error}><input inputMode="decimal" defaultValue={order.grandTotal - order.payment.captured} /></Field>
            <Field label="Provider" name="provider" error={error}><input defaultValue="manual" /></Field>
            <Field label="Provider's reference" name="reference" error={error}><input /></Field>
            <Field label="Note" name="note" error={error}><input /></Field>
          </>
        )}
      </ActionDialog>

      <ActionDialog label="Ship" title="Ship items" disabled={!open.length || order.status.code === 'canceled'}
        onSubmit={(form) => {
          const items = open.map((item) => ({ orderItemId: item.orderItemId, qty: number(form, `qty-${item.orderItemId}`) })).filter((line) => line.qty !== 0 && line.qty !== undefined);
          return after(ship(order.id, {
            items, carrier: text(form, 'carrier'), trackingNumber: optional(form, 'trackingNumber'), trackingUrl: optional(form, 'trackingUrl'),
            note: optional(form, 'note'), notifyCustomer: form.get('notifyCustomer') === 'on',
          }));
        }}>
        {(error) => (
          <>
            <fieldset>
              <legend>Quantities to ship</legend>
              {open.map((item, index) => (
                <Field key={item.orderItemId} label={`${item.name} (${item.sku}), ${item.qty - item.shippedQty} left`} name={`items[${index}].qty`} error={error}>
                  <input type="number" min={0} max={item.qty - item.shippedQty} name={`qty-${item.orderItemId}`} defaultValue={item.qty - item.shippedQty} />
                </Field>
              ))}
            </fieldset>
            <Field label="Carrier" name="carrier" error={error}><input required /></Field>
            <Field label="Tracking number" name="trackingNumber" error={error}><input /></Field>
            <Field label="Tracking link" name="trackingUrl" error={error} hint="Made from the carrier's template when empty"><input type="url" /></Field>
            <Field label="Note" name="note" error={error}><input /></Field>
            <label className="check"><input type="checkbox" name="notifyCustomer" defaultChecked /> Tell the customer</label>
          </>
        )}
      </ActionDialog>

      <ActionDialog label="Refund" title="Refund" danger disabled={order.payment.refundable <= 0}
        onSubmit={(form) => {
          const items = order.items
            .map((item) => ({ orderItemId: item.orderItemId, qty: number(form, `refund-${item.orderItemId}`), restock: form.get(`restock-${item.orderItemId}`) === 'on' }))
            .filter((line) => line.qty !== 0 && line.qty !== undefined);
          return after(refund(order.id, { amount: number(form, 'amount'), reason: text(form, 'reason'), items: items.length ? items : undefined }));
        }}>
        {(error) => (
          <>
            <p>Up to {money(order.payment.refundable, order.currency)} can be refunded.</p>
            <Field label={`Amount (${order.currency})`} name="amount" error={error}><input inputMode="decimal" defaultValue={order.payment.refundable} /></Field>
            <Field label="Reason" name="reason" error={error}><input required /></Field>
            <fieldset>
              <legend>Lines (optional)</legend>
              {order.items.map((item, index) => (
                <div className="line" key={item.orderItemId}>
                  <Field label={`${item.name}: units`} name={`items[${index}].qty`} error={error}>
                    <input type="number" min={0} max={item.qty} name={`refund-${item.orderItemId}`} defaultValue={0} />
                  </Field>
                  <label className="check"><input type="checkbox" name={`restock-${item.orderItemId}`} /> Restock</label>
                </div>
              ))}
            </fieldset>
          </>
        )}
      </ActionDialog>

      <ActionDialog label="Cancel order" title={`Cancel ${order.orderNumber}`} submitLabel="Cancel the order" danger disabled={order.status.code === 'canceled' || order.cancelPending}
        onSubmit={(form) => after(cancel(order.id, { reason: optional(form, 'reason') }))}>
        {(error) => (
          <>
            <p>Its reserved stock is released and the customer is told.</p>
            <Field label="Reason" name="reason" error={error}><input /></Field>
          </>
        )}
      </ActionDialog>

      <ActionDialog label="Add note" title="Add a note"
        onSubmit={(form) => after(addNote(order.id, { message: text(form, 'message'), customerNotified: form.get('customerNotified') === 'on' }))}>
        {(error) => (
          <>
            <Field label="Note" name="message" error={error}><textarea rows={3} required /></Field>
            <label className="check"><input type="checkbox" name="customerNotified" /> Visible to the customer (on their order page)</label>
          </>
        )}
      </ActionDialog>
    </div>
  );
}
