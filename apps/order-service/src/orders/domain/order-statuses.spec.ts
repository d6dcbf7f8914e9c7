import statusJson from './order-statuses.json';
import { OrderStatuses, StatusConfig, StatusConfigError, validateStatusConfig } from './order-statuses';

const config = (): StatusConfig => JSON.parse(JSON.stringify(statusJson));
const statuses = new OrderStatuses(validateStatusConfig(config()));

describe('order status configuration', () => {
  it('accepts the shipped configuration', () => {
    expect(() => validateStatusConfig(config())).not.toThrow();
  });

  it('names every problem of a broken configuration', () => {
    const broken = config();
    broken.paymentStatus.paid.isDefault = true;
    delete (broken.orderStatus.canceled as Partial<typeof broken.orderStatus.canceled>).badge;
    broken.orderStatusRules.unshift({ payment: 'settled', shipment: '*', order: 'done' });
    broken.orderStatusRules.pop();
    expect(() => validateStatusConfig(broken)).toThrow(StatusConfigError);
    try {
      validateStatusConfig(broken);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('paymentStatus must have exactly one isDefault status, has 2');
      expect(message).toContain('orderStatus.canceled.badge');
      expect(message).toContain('unknown payment status "settled"');
      expect(message).toContain('unknown order status "done"');
      expect(message).toContain('catch-all');
    }
  });

  it('knows the defaults', () => {
    expect(statuses.defaultOf('paymentStatus')).toBe('pending');
    expect(statuses.defaultOf('shipmentStatus')).toBe('pending');
    expect(statuses.defaultOf('orderStatus')).toBe('pending');
  });

  it.each([
    ['pending', 'pending', 'pending'],
    ['paid', 'pending', 'processing'],
    ['paid', 'shipped', 'shipped'],
    ['paid', 'delivered', 'completed'],
    ['canceled', 'pending', 'canceled'],
    ['pending', 'canceled', 'canceled'],
    // EverShop resolves a canceled order with a paid payment back to "processing"; here canceled wins.
    ['paid', 'canceled', 'canceled'],
    ['refunded', 'delivered', 'refunded'],
    ['failed', 'pending', 'on_hold'],
    ['paid', 'returned', 'closed'],
  ])('payment %s × shipment %s → %s', (payment, shipment, order) => {
    expect(statuses.resolve(payment, shipment)).toBe(order);
  });

  it('resolves every pair of configured statuses to a configured order status', () => {
    for (const payment of Object.keys(statuses.config.paymentStatus)) {
      for (const shipment of Object.keys(statuses.config.shipmentStatus)) {
        expect(statuses.config.orderStatus[statuses.resolve(payment, shipment)]).toBeDefined();
      }
    }
  });

  it('requires the statuses the flows set', () => {
    const broken = config() as StatusConfig;
    delete broken.paymentStatus.partially_refunded;
    delete broken.transitions.paymentStatus.partially_refunded;
    broken.transitions.paymentStatus.paid = ['refunded'];
    broken.transitions.paymentStatus.partially_paid = ['paid'];
    broken.orderStatusRules = broken.orderStatusRules.filter((rule) => rule.payment !== 'partially_refunded');
    delete broken.shipmentStatus.returned;
    delete broken.transitions.shipmentStatus.returned;
    for (const targets of Object.values(broken.transitions.shipmentStatus)) targets.splice(0, targets.length, ...targets.filter((t) => t !== 'returned'));
    broken.orderStatusRules = broken.orderStatusRules.filter((rule) => rule.shipment !== 'returned');
    expect(() => validateStatusConfig(broken)).toThrow(
      'invalid status configuration:\n  paymentStatus.partially_refunded is missing: the order flows set it\n  shipmentStatus.returned is missing: the order flows set it',
    );
  });

  it('names broken transition tables', () => {
    const broken = config();
    broken.transitions.paymentStatus.pending.push('settled', 'canceled');
    delete broken.transitions.shipmentStatus.returned;
    expect(() => validateStatusConfig(broken)).toThrow(/unknown status "settled"[\s\S]*"canceled" is set by cancelling[\s\S]*transitions.shipmentStatus.returned must list/);
  });

  it.each([
    ['paymentStatus', 'pending', 'paid', true],
    ['paymentStatus', 'paid', 'pending', false],
    ['paymentStatus', 'paid', 'paid', true],
    ['paymentStatus', 'refunded', 'paid', false],
    ['paymentStatus', 'pending', 'canceled', false],
    ['shipmentStatus', 'pending', 'shipped', true],
    ['shipmentStatus', 'delivered', 'shipped', false],
    ['shipmentStatus', 'canceled', 'pending', false],
  ] as const)('%s may change from %s to %s: %s', (group, from, to, allowed) => {
    expect(statuses.canChange(group, from, to)).toBe(allowed);
  });

  it('is cancelable only while both payment and shipment allow it', () => {
    expect(statuses.isCancelable('pending', 'pending')).toBe(true);
    expect(statuses.isCancelable('paid', 'pending')).toBe(false);
    expect(statuses.isCancelable('pending', 'shipped')).toBe(false);
  });

  it('knows only configured statuses, whatever a caller names', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(statuses.config.paymentStatus[name]).toBeUndefined();
      expect(statuses.isCancelable(name, 'pending')).toBe(false);
      expect(statuses.canChange('paymentStatus', name, 'paid')).toBe(false);
      expect(statuses.view('orderStatus', name)).toEqual({ code: name, name, badge: 'default', progress: 'incomplete' });
    }
  });

  it('shows a status as code, name, badge and progress', () => {
    expect(statuses.view('orderStatus', 'canceled')).toEqual({ code: 'canceled', name: 'Canceled', badge: 'critical', progress: 'complete' });
  });
});
