import { loadConfig } from '@oms/platform';
import { NotificationServiceConfig } from './notification-service.config';

describe('NotificationServiceConfig', () => {
  it('takes a sender address with a name or without one', () => {
    expect(loadConfig(NotificationServiceConfig, {}).MAIL_FROM).toBe('Shop <orders@shop.localhost>');
    expect(loadConfig(NotificationServiceConfig, { MAIL_FROM: '"Café, Zoë" <orders@café.example>' }).MAIL_FROM).toBe('"Café, Zoë" <orders@café.example>');
    expect(loadConfig(NotificationServiceConfig, { MAIL_FROM: 'orders@shop.example' }).MAIL_FROM).toBe('orders@shop.example');
  });

  it('refuses a sender that is not an address, before any email could fail on it', () => {
    for (const from of ['Shop', 'Shop <orders>', 'orders@shop.example <x>']) {
      expect(() => loadConfig(NotificationServiceConfig, { MAIL_FROM: from })).toThrow(/MAIL_FROM must be an email address/);
    }
  });
});
