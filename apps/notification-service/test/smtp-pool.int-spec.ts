import { waitFor } from '../../../test/support/infra';
import { MailSink } from '../../../test/support/receivers';
import { emailMessage } from '../src/notifications/delivery/channels/email-message';
import { SmtpPool } from '../src/notifications/delivery/channels/smtp-pool';

const message = (to: string, n = 0) => emailMessage({ from: 'Shop <orders@shop.example>', to, subject: `Message ${n}`, text: `body ${n}`, messageId: `<m-${n}@test>` });

describe('SmtpPool against a real SMTP server', () => {
  let server: MailSink;
  let pool: SmtpPool;

  afterEach(async () => {
    pool?.close();
    await server?.stop();
  });

  it('sends many messages at once over no more connections than it may open, and reuses them', async () => {
    server = await new MailSink().start();
    pool = new SmtpPool({ url: server.url, maxConnections: 3, timeoutMs: 5_000 });
    const replies = await Promise.all(Array.from({ length: 30 }, (_, n) => pool.send(message(`c${n}@example.com`, n))));
    expect(replies.every((reply) => reply.startsWith('250'))).toBe(true);
    expect(server.mails).toHaveLength(30);
    expect(server.connections.maxOpen).toBeLessThanOrEqual(3);
    expect(server.connections.total).toBeLessThanOrEqual(3);
    await Promise.all(Array.from({ length: 6 }, (_, n) => pool.send(message('again@example.com', n))));
    expect(server.connections.total).toBeLessThanOrEqual(3);
  });

  it('replaces connections the server hung up on while they were idle, without failing a message', async () => {
    server = await new MailSink().start();
    pool = new SmtpPool({ url: server.url, maxConnections: 2, timeoutMs: 5_000 });
    await Promise.all([pool.send(message('a@example.com', 1)), pool.send(message('b@example.com', 2))]);
    server.hangUpAll();
    await waitFor(async () => server.connections.open === 0 && pool.size === 0, 5_000, 'the hung-up connections gone');
    await expect(Promise.all([pool.send(message('c@example.com', 3)), pool.send(message('d@example.com', 4))])).resolves.toHaveLength(2);
    expect(server.mails).toHaveLength(4);
  });

  it('rejects a refused message with the server\'s code, and the next message still goes', async () => {
    server = await new MailSink().start();
    server.rejectNext = { to: 'gone@example.com', count: 1, code: 550, message: 'No such user' };
    pool = new SmtpPool({ url: server.url, maxConnections: 1, timeoutMs: 5_000 });
    await expect(pool.send(message('gone@example.com'))).rejects.toMatchObject({ responseCode: 550 });
    await expect(pool.send(message('here@example.com'))).resolves.toMatch(/^250/);
    expect(server.mails).toHaveLength(1);
  });

  it('logs in with the URL\'s user, and rejects every waiting message when the login is refused', async () => {
    server = await new MailSink().start({
      authOptional: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => (auth.username === 'shop' && auth.password === 's3cret'
        ? callback(null, { user: 'shop' })
        : callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))),
    });
    pool = new SmtpPool({ url: `smtp://shop:s3cret@127.0.0.1:${server.port}`, maxConnections: 2, timeoutMs: 5_000 });
    await expect(pool.send(message('a@example.com'))).resolves.toMatch(/^250/);
    pool.close();
    pool = new SmtpPool({ url: `smtp://shop:wrong@127.0.0.1:${server.port}`, maxConnections: 2, timeoutMs: 5_000 });
    const attempts = await Promise.allSettled([1, 2, 3].map((n) => pool.send(message('b@example.com', n))));
    expect(attempts.map((attempt) => attempt.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((attempts[0] as PromiseRejectedResult).reason).toMatchObject({ responseCode: 535 });
    expect(server.mails).toHaveLength(1);
  });

  it('fails fast when nothing listens, and stops taking messages once closed', async () => {
    server = await new MailSink().start();
    const port = server.port;
    await server.stop();
    pool = new SmtpPool({ url: `smtp://127.0.0.1:${port}`, maxConnections: 2, timeoutMs: 2_000 });
    await expect(pool.send(message('a@example.com'))).rejects.toMatchObject({ code: 'ESOCKET' });
    server = await new MailSink().start();
    pool = new SmtpPool({ url: server.url, maxConnections: 1, timeoutMs: 5_000 });
    await pool.send(message('a@example.com', 1));
    pool.close();
    await expect(pool.send(message('c@example.com', 3))).rejects.toThrow('the SMTP pool is closed');
    await waitFor(async () => server.connections.open === 0, 5_000, 'the connections closed');
  });
});
