import type { OrderSummaryView } from '@contracts/orders/order-queries.dto';
import { ordersCsv } from './orders-csv';

const status = (code: string) => ({ code, name: code, badge: 'default', progress: 'incomplete' });
const order = (fullName: string): OrderSummaryView => ({
  id: 'o', uuid: 'o', orderNumber: 'ORD-1', currency: 'EUR', customer: { id: null, email: 'a@b.c', fullName },
  status: status('pending'), paymentStatus: status('paid'), shipmentStatus: status('pending'), inventoryStatus: 'reserved',
  grandTotal: 24.93, totalQty: 2, createdAt: '2026-12-01T10:00:00.000Z',
});

describe('ordersCsv', () => {
  it('writes a header and a row per order, quoting what needs it', () => {
    expect(ordersCsv([order('Doe, "Jo"')])).toBe(
      'orderNumber,createdAt,customerName,customerEmail,status,paymentStatus,shipmentStatus,currency,grandTotal,totalQty\r\n' +
      'ORD-1,2026-12-01T10:00:00.000Z,"Doe, ""Jo""",a@b.c,pending,paid,pending,EUR,24.93,2\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(ordersCsv([order('=HYPERLINK("http://evil")')]).split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(ordersCsv([order('+1')]).split('\r\n')[1]).toContain(",'+1,");
  });
});
