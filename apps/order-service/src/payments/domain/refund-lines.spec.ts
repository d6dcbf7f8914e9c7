import { checkRefundLines, RefundableItem } from './refund-lines';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const items: RefundableItem[] = [
  { id: A, sku: 'SKU-A', qty: 3, shippedQty: 2, refundedQty: 1, restockedQty: 1 },
  { id: B, sku: 'SKU-B', qty: 1, shippedQty: 0, refundedQty: 0, restockedQty: 0 },
];

describe('refund lines', () => {
  it('accepts what is left to refund, and restocks only shipped units not restocked yet', () => {
    expect(checkRefundLines([{ orderItemId: A, qty: 1, restock: true }, { orderItemId: B, qty: 1, restock: false }], items)).toEqual({
      lines: [{ orderItemId: A, sku: 'SKU-A', qty: 1, restock: true }, { orderItemId: B, sku: 'SKU-B', qty: 1, restock: false }],
      invalid: [],
      conflicts: [],
    });
  });

  it('names items that are not on the order or named twice', () => {
    const check = checkRefundLines([{ orderItemId: B, qty: 1, restock: false }, { orderItemId: '00000000-0000-4000-8000-0000000000ff', qty: 1, restock: false }, { orderItemId: B, qty: 1, restock: false }], items);
    expect(check.invalid).toEqual([
      { field: 'items[1].orderItemId', message: '00000000-0000-4000-8000-0000000000ff is not an item of this order' },
      { field: 'items[2].orderItemId', message: `${B} is named more than once` },
    ]);
  });

  it('refuses more units than are left to refund or to restock', () => {
    const check = checkRefundLines([{ orderItemId: A, qty: 3, restock: true }, { orderItemId: B, qty: 1, restock: true }], items);
    expect(check.conflicts).toEqual([
      'SKU-A: 3 requested, 2 of 3 left to refund',
      'SKU-A: 3 to restock, only 1 shipped and not restocked yet',
      'SKU-B: 1 to restock, only 0 shipped and not restocked yet',
    ]);
  });
});
