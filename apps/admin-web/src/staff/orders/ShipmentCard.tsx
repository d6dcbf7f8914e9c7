import type { ShipmentView } from '@contracts/orders/shipment.dto';
import { ActionDialog } from '../../ui/ActionDialog';
import { Field } from '../../ui/Field';
import { dateTime, humanize } from '../../ui/format';
import { downloadPackingSlip, updateShipment } from './order-actions';

const FINAL = ['delivered', 'returned', 'canceled'];

/** One shipment: tracking link and history, and what staff can still do with it. */
export function ShipmentCard({ orderId, shipment, nameOf, onDone }: { orderId: string; shipment: ShipmentView; nameOf: (sku: string) => string; onDone: () => Promise<unknown> }) {
  const change = (body: Record<string, unknown>) => updateShipment(orderId, shipment.shipmentId, body).then(onDone);
  const done = FINAL.includes(shipment.status);
  return (
    <article className="card shipment" aria-labelledby={`shipment-${shipment.shipmentId}`}>
      <h3 id={`shipment-${shipment.shipmentId}`}>{shipment.shipmentNumber} <span className={`tag tag-${shipment.status}`}>{humanize(shipment.status)}</span></h3>
      <p>
        {shipment.carrier}
        {shipment.trackingNumber && <> · {shipment.trackingUrl ? <a href={shipment.trackingUrl} target="_blank" rel="noreferrer noopener">{shipment.trackingNumber}</a> : shipment.trackingNumber}</>}
      </p>
      <ul className="plain">{shipment.items.map((item) => <li key={item.orderItemId}>{item.qty} × {nameOf(item.sku)}</li>)}</ul>
      <details>
        <summary>Tracking history ({shipment.trackingHistory.length})</summary>
        <ol className="plain">
          {shipment.trackingHistory.map((entry, index) => (
            <li key={index}>{dateTime(entry.occurredAt)} {humanize(entry.status)} <small>({entry.source}{entry.applied ? '' : ', out of order: recorded only'})</small></li>
          ))}
        </ol>
      </details>
      <div className="actions">
        <ActionDialog label="Update tracking" title={`Tracking of ${shipment.shipmentNumber}`} disabled={done}
          onSubmit={(form) => change({
            carrier: String(form.get('carrier')).trim() || undefined, trackingNumber: String(form.get('trackingNumber')).trim() || undefined,
            trackingUrl: String(form.get('trackingUrl')).trim() || undefined, status: String(form.get('status')) || undefined,
          })}>
          {(error) => (
            <>
              <Field label="Carrier" name="carrier" error={error}><input defaultValue={shipment.carrier} /></Field>
              <Field label="Tracking number" name="trackingNumber" error={error}><input defaultValue={shipment.trackingNumber ?? ''} /></Field>
              <Field label="Tracking link" name="trackingUrl" error={error}><input type="url" defaultValue={shipment.trackingUrl ?? ''} /></Field>
              <Field label="Status" name="status" error={error}>
                <select defaultValue="">
                  <option value="">Unchanged</option>
                  {['in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned'].map((status) => <option key={status} value={status}>{humanize(status)}</option>)}
                </select>
              </Field>
            </>
          )}
        </ActionDialog>
        <ActionDialog label="Mark delivered" title={`Mark ${shipment.shipmentNumber} delivered`} submitLabel="Mark delivered" disabled={done}
          onSubmit={() => change({ status: 'delivered' })}>
          {() => <p>The customer is told that the parcel arrived.</p>}
        </ActionDialog>
        <ActionDialog label="Void" title={`Void ${shipment.shipmentNumber}`} submitLabel="Void the shipment" danger disabled={done}
          onSubmit={() => change({ status: 'canceled' })}>
          {() => <p>Its items count as not shipped again and can be shipped anew.</p>}
        </ActionDialog>
        <button type="button" onClick={() => downloadPackingSlip(orderId, shipment)}>Packing slip</button>
      </div>
    </article>
  );
}
