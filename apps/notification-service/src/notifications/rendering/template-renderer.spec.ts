import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationServiceConfig } from '../../config/notification-service.config';
import { OrderReplica } from '../../orders/order-replica';
import { eventFacts, formatAmount, templateContext } from '../domain/message-context';
import { TEMPLATES } from '../domain/templates';
import { TemplateError, TemplateRenderer } from './template-renderer';

const bundled = new TemplateRenderer(new NotificationServiceConfig().NOTIFICATION_TEMPLATES_DIR, 'en');
const order: OrderReplica = {
  orderId: '11111111-1111-4111-8111-111111111111', orderNumber: 'ORD-000042', customerEmail: 'ada@example.com', customerName: 'Ada <b>Lovelace</b>',
  customerPhone: null, smsOptIn: false, locale: null, currency: 'EUR',
  lines: [{ orderItemId: '22222222-2222-4222-8222-222222222222', sku: 'MUG', name: 'Mug', qty: 2, finalPrice: 1250, lineTotal: 2500 }],
  totals: { subTotal: 2500, discountAmount: 0, taxAmount: 0, shippingFee: 450, grandTotal: 2950 }, grandTotal: 2950,
  shippingAddress: { fullName: 'Ada Lovelace', address1: 'Main Street 1', city: 'Berlin', postcode: '10115', country: 'DE' }, billingAddress: null,
};
const context = (type: string, payload: object, locale = 'en') =>
  templateContext({ shopName: 'Mugs & Co', locale, order, facts: eventFacts(type, payload, order, locale), links: { statusUrl: 'https://shop.test/orders/status?token=t', adminUrl: null } });

describe('the templates', () => {
  it('render every template of the catalogue in the default locale', () => {
    for (const name of Object.keys(TEMPLATES)) {
      const rendered = bundled.render(name, null, context('x', {}));
      expect({ name, subject: rendered.subject.length > 0, text: rendered.text.length > 0 }).toEqual({ name, subject: true, text: true });
    }
  });

  it('render the shipping confirmation with carrier, tracking number and link, and the parcel’s items', () => {
    const rendered = bundled.render('order-shipped', 'en', context('shipment.created', {
      shipmentNumber: 'SHP-000007', carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: 'https://www.ups.com/track?tracknum=1Z999', notifyCustomer: true,
      items: [{ orderItemId: '22222222-2222-4222-8222-222222222222', sku: 'MUG', qty: 1 }],
    }));
    expect(rendered.subject).toBe('Order ORD-000042 has shipped');
    expect(rendered.text).toContain('Tracking number: 1Z999');
    expect(rendered.text).toContain('1 × Mug (MUG)');
    expect(rendered.html).toContain('href="https://www.ups.com/track?tracknum&#x3D;1Z999"');
    expect(rendered.sms).toBe('Mugs & Co: order ORD-000042 has shipped with UPS. Track it: https://www.ups.com/track?tracknum=1Z999');
  });

  it('escape what customers typed in HTML, and only there', () => {
    const rendered = bundled.render('order-confirmed', 'en', context('inventory.reserved', {}));
    expect(rendered.html).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(rendered.html).not.toContain('<b>Lovelace');
    expect(rendered.text).toContain('Hi Ada <b>Lovelace</b>,');
    expect(rendered.html).toContain('€29.50');
  });

  it('fall back from a regional locale to its language and then to the default, file by file', () => {
    expect(bundled.resolveLocale('order-shipped', 'de-AT')).toBe('de');
    expect(bundled.resolveLocale('order-delivered', 'de-AT')).toBe('en');
    expect(bundled.render('order-shipped', 'de-AT', context('shipment.created', { shipmentNumber: 'S', carrier: 'DHL', trackingNumber: null, items: [] }, 'de')).subject)
      .toBe('Bestellung ORD-000042 ist unterwegs');
    expect(bundled.locales('order-shipped')).toEqual(['en', 'de']);
  });

  it('report a template that fails to render, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'layout.html.hbs'), '{{{body}}}');
    writeFileSync(join(dir, 'en', 'broken.subject.hbs'), 'Order {{#if}}');
    writeFileSync(join(dir, 'en', 'broken.html.hbs'), 'x');
    writeFileSync(join(dir, 'en', 'broken.text.hbs'), 'x');
    writeFileSync(join(dir, 'en', 'partial-only.subject.hbs'), 'x');
    const renderer = new TemplateRenderer(dir, 'en');
    expect(() => renderer.render('broken', 'en', {})).toThrow(TemplateError);
    expect(() => renderer.render('broken', 'en', {})).toThrow(/template broken \(subject, en\) failed to render/);
    expect(() => renderer.render('partial-only', 'en', {})).toThrow('template partial-only has no html file for en or en');
  });

  it('format amounts in the customer’s language at the currency’s precision', () => {
    expect(formatAmount(123450, 'EUR', 'en')).toBe('€1,234.50');
    expect(formatAmount(123450, 'EUR', 'de')).toBe('1.234,50\u00a0€'); // a no-break space before the sign
    expect(formatAmount(1234, 'JPY', 'en')).toBe('¥1,234');
  });
});
