import type { MailText } from '../i18n/mail.js';
import type { UiLocale } from '../i18n/messages.js';

/** A message ready to send: the same words as plain text and as HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Lays out a message's words: the text part has the link on a line of its own (mail readers
 * make it clickable); the HTML part has a button, the same link written out beneath it (for
 * readers that hide buttons), and the Gujarati web fonts the reader's device already has.
 */
export function compose(to: string, locale: UiLocale, siteName: string, words: MailText, link: string): MailMessage {
  const text = [words.greeting, '', ...words.paragraphs.flatMap((p) => [p, '']), `${words.action}:`, link, '', '—', words.footer, siteName, ''].join('\n');
  const font = "'Noto Sans Gujarati','Shruti',system-ui,sans-serif";
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escape(words.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f2;font-family:${font};font-size:16px;line-height:1.6;color:#1b1b1b">
<div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">
<p style="margin:0 0 16px;font-weight:700">${escape(siteName)}</p>
<p>${escape(words.greeting)}</p>
${words.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<p style="margin:24px 0"><a href="${escape(link)}" style="display:inline-block;padding:12px 20px;background:#9b1c1c;color:#fff;text-decoration:none;border-radius:6px">${escape(words.action)}</a></p>
<p style="font-size:14px;word-break:break-all"><a href="${escape(link)}">${escape(link)}</a></p>
<hr style="border:0;border-top:1px solid #ddd">
<p style="font-size:14px;color:#555">${escape(words.footer)}</p>
</div>
</body></html>
`;
  return { to, subject: words.subject, text, html };
}
