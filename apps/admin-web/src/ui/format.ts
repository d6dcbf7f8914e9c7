/** Amounts in the order's currency, dates in the reader's locale and time zone. */
export const money = (amount: number | null | undefined, currency: string) =>
  amount === null || amount === undefined ? '—' : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);

export const dateTime = (iso: string | null | undefined) =>
  iso ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—';

export const day = (iso: string) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date(`${iso}T12:00:00Z`));

/** `out_for_delivery` → `Out for delivery`. */
export const humanize = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ');
