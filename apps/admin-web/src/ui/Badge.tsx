import type { StatusView } from '@contracts/orders/order.view';

/** A status in its configured badge colour, with its progress as a filled, half or empty dot. */
export function Badge({ status, label }: { status: StatusView; label?: string }) {
  return (
    <span className={`badge badge-${status.badge}`} title={label ? `${label}: ${status.name}` : status.name}>
      <span className={`progress progress-${status.progress}`} aria-hidden="true" />
      {status.name}
    </span>
  );
}
