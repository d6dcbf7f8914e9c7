import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

/** A message the sink accepted, parsed, with the SMTP envelope it came in (MAIL FROM, RCPT TO). */
export type ReceivedMail = ParsedMail & { envelope: { from: string; to: string[] } };

/** A real SMTP server that keeps every message it accepts, parsed, and counts the connections to it. */
export class MailSink {
  readonly mails: ReceivedMail[] = [];
  /** Answer the next messages to this address with this SMTP error instead of accepting them. */
  rejectNext: { to: string; count: number; code: number; message: string } | null = null;
  /** Connections so far, open now, and open at most at once. */
  readonly connections = { total: 0, open: 0, maxOpen: 0 };
  private server?: SMTPServer;
  port = 0;

  /** `options` replace the defaults (no AUTH, no STARTTLS), to require a login for example. */
  async start(options: Omit<SMTPServerOptions, 'onData' | 'onConnect' | 'onClose'> = {}): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      ...options,
      onConnect: (_session, callback) => {
        this.connections.total += 1;
        this.connections.maxOpen = Math.max(this.connections.maxOpen, ++this.connections.open);
        callback();
      },
      onClose: () => {
        this.connections.open -= 1;
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          const rejected = this.rejectNext;
          if (rejected && rejected.count > 0 && session.envelope.rcptTo.some((r) => r.address === rejected.to)) {
            rejected.count -= 1;
            return callback(Object.assign(new Error(rejected.message), { responseCode: rejected.code }));
          }
          const { mailFrom, rcptTo } = session.envelope;
          const envelope = { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) };
          this.mails.push(Object.assign(await simpleParser(Buffer.concat(chunks)), { envelope }));
          callback();
        });
      },
    });
    // a client that dies mid-session (a SIGKILLed service) resets its connection: not the test's failure
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Hangs up on every client, as a server does with connections idle too long. */
  hangUpAll() {
    for (const connection of (this.server as unknown as { connections: Set<{ close(): void }> }).connections) connection.close();
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => [mail.to].flat().some((to) => to?.value.some((v) => v.address === address)));
  }

  stop() {
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * A local HTTP endpoint standing in for a webhook consumer, Slack or an SMS API: it records every
 * request and answers what `respond` says (a status, or hanging without ever answering).
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  respond: (request: ReceivedRequest, index: number) => Answer = () => ({ status: 200, body: 'ok' });
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        this.requests.push(received);
        const answer = this.respond(received, this.requests.length - 1);
        if (answer === 'hang') return;
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body ?? '');
      });
    });
    this.server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/') {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(pathPrefix: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(pathPrefix));
  }

  stop() {
    this.server?.closeAllConnections();
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
