import type { Transporter } from 'nodemailer';
import type { MailSettings } from '../config.js';
import type { MailMessage } from './compose.js';

export { compose, type MailMessage } from './compose.js';

/** Sends composed messages; one per process, made from the configuration. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** How long a dead or silent SMTP server may hold a send before it counts as failed. */
const timeoutMs = 15_000;

/** The SMTP transport, or undefined when SMTP_URL is not set (mail is off; the newsroom shows links instead). */
export function createMailer(settings: MailSettings | undefined, publicUrl: string): Mailer | undefined {
  if (!settings) return undefined;
  const from = settings.from ?? `no-reply@${new URL(publicUrl).hostname}`;
  // nodemailer costs about 14 MB resident: loaded with the first message, not at start.
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then((m) =>
      m.default.createTransport({ url: settings.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }, { from }),
    ));
  return {
    async send(m) {
      await (await open()).sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
