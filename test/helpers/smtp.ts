import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The MIME type of the top part (multipart/alternative for text + HTML). */
  contentType: string;
  raw: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:PORT for SMTP_URL. */
  url: string;
  received: Received[];
  /** Resolves when `count` messages in all have arrived (fails after a few seconds). */
  waitFor(count: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A real SMTP server in the test process (no TLS, no auth), keeping every message it accepts, parsed. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((m: ParsedMail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: m.subject ?? '',
              text: m.text ?? '',
              html: typeof m.html === 'string' ? m.html : '',
              contentType: m.headers.get('content-type') && typeof m.headers.get('content-type') === 'object' ? String((m.headers.get('content-type') as { value: string }).value) : '',
              raw,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count) {
      const until = Date.now() + 5000;
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The link a message carries to /newsroom/reset. */
export function resetLinkIn(text: string): string {
  const m = text.match(/https?:\/\/\S+\/newsroom\/reset\?token=[\w-]+/);
  if (!m) throw new Error(`no reset link in: ${text}`);
  return m[0];
}
