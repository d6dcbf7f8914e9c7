import { AddressObject, simpleParser } from 'mailparser';
import { emailMessage, EmailContent, UnaddressableEmailError } from './email-message';

const content: EmailContent = {
  from: 'Shop <orders@shop.example>',
  to: 'ada@example.com',
  subject: 'Your order 1001 is confirmed',
  text: 'Thank you for your order.',
  html: '<p>Thank you for your order.</p>',
  messageId: '<n-1@oms.notifications>',
  headers: { 'X-OMS-Notification': 'n-1' },
};

const parsed = (message: EmailContent) => simpleParser(emailMessage(message, new Date('2026-12-08T10:00:00Z')).raw);
const first = (field: AddressObject | AddressObject[] | undefined) => (Array.isArray(field) ? field[0] : field)?.value[0];

describe('emailMessage', () => {
  it('is read back by a mail parser as the headers, text and HTML it was given', async () => {
    const mail = await parsed(content);
    expect(first(mail.from)).toEqual({ name: 'Shop', address: 'orders@shop.example' });
    expect(first(mail.to)).toEqual({ name: '', address: 'ada@example.com' });
    expect(mail.subject).toBe(content.subject);
    expect(mail.messageId).toBe(content.messageId);
    expect(mail.date?.toISOString()).toBe('2026-12-08T10:00:00.000Z');
    expect(mail.headers.get('x-oms-notification')).toBe('n-1');
    expect(mail.text?.trim()).toBe(content.text);
    expect(String(mail.html).trim()).toBe(content.html);
  });

  it('carries non-ASCII names, subjects and bodies through encoded words and base64', async () => {
    const mail = await parsed({ ...content, from: 'Café Zoë <orders@shop.example>', subject: 'Ihre Bestellung 1001 ist bestätigt — danke!', text: 'Grüße, 東京' });
    expect(first(mail.from)?.name).toBe('Café Zoë');
    expect(mail.subject).toBe('Ihre Bestellung 1001 ist bestätigt — danke!');
    expect(mail.text?.trim()).toBe('Grüße, 東京');
  });

  it('quotes a name with specials, and gives the envelope the bare addresses', async () => {
    const message = emailMessage({ ...content, from: '"Shop, Inc." <orders@shop.example>', to: 'Ada Lovelace <ada@example.com>' });
    expect(message.envelope).toEqual({ from: 'orders@shop.example', to: ['ada@example.com'] });
    const mail = await simpleParser(message.raw);
    expect(first(mail.from)?.name).toBe('Shop, Inc.');
    expect(first(mail.to)).toEqual({ name: 'Ada Lovelace', address: 'ada@example.com' });
  });

  it('keeps a subject with a line break on one header line, so it cannot add a header', async () => {
    const mail = await parsed({ ...content, subject: 'Order 1001\r\nBcc: eve@example.com' });
    expect(mail.subject).toBe('Order 1001 Bcc: eve@example.com');
    expect(mail.bcc).toBeUndefined();
  });

  it('keeps every line within 78 characters and ends each with CRLF, however long the text', () => {
    const raw = emailMessage({ ...content, subject: 'A subject '.repeat(20), text: 'x'.repeat(5_000), html: `<p>${'ü'.repeat(3_000)}</p>` }).raw.toString('utf8');
    expect(raw.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('sends a single part without a multipart wrapper, and an empty text part when there is no body', async () => {
    const textOnly = emailMessage({ ...content, html: undefined }).raw.toString('utf8');
    expect(textOnly).not.toContain('multipart');
    expect((await simpleParser(textOnly)).text?.trim()).toBe(content.text);
    const empty = await parsed({ ...content, text: undefined, html: undefined });
    expect(empty.text ?? '').toBe('');
  });

  it('puts an internationalised domain in its ASCII form', () => {
    expect(emailMessage({ ...content, to: 'zoë@bücher.example' }).envelope.to).toEqual(['zoë@xn--bcher-kva.example']);
  });

  it('refuses a sender or recipient that holds no mailbox', () => {
    expect(() => emailMessage({ ...content, to: 'not an address' })).toThrow(UnaddressableEmailError);
    expect(() => emailMessage({ ...content, from: 'Shop' })).toThrow(UnaddressableEmailError);
  });
});
