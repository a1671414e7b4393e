// WhatsApp. Channels have no posting API, so there are two parts:
// - the Cloud API: a template message (breaking news) to one reader who opted in, with POST
//   /{version}/{phone-number-id}/messages; errors come as Graph API error objects and are
//   classified by `code`, as Meta advises (titles and HTTP statuses are not reliable);
// - pure helpers: the webhook's X-Hub-Signature-256 check, opt-out/opt-in parsing (STOP), and
//   the "share to our WhatsApp channel" text with its wa.me link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseJson, retryAfterMs, send, statusOutcome, unansweredOutcome } from './http.js';
import { oneLine, truncate } from './text.js';
import type { ChannelAdapter, DeliveryOutcome, OutcomeReason, StoryMessage } from './types.js';

const bodyFields = ['headline', 'dek', 'url', 'section'] as const;

export const whatsappConfigSchema = z.object({
  /** The business phone number's id (not the number itself). */
  phoneNumberId: z.string().regex(/^\d+$/),
  /** A system user's access token with whatsapp_business_messaging. */
  accessToken: z.string().min(1),
  /** Graph API version. */
  apiVersion: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
  /** Graph API base; changed only for tests. */
  apiBase: z.url().default('https://graph.facebook.com'),
  /** The approved template the message uses. */
  template: z.object({
    /** Template name as approved in WhatsApp Manager. */
    name: z.string().regex(/^[a-z0-9_]{1,512}$/),
    /** Its language code, e.g. "gu" or "en_US". */
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
    /** The template has an image header: the story's image (or the fallback) goes there. */
    headerImage: z.boolean().default(false),
    /** Image for the header when the story has none. */
    fallbackImageUrl: z.url().optional(),
    /** The body's {{1}}, {{2}} … in order. */
    body: z.array(z.enum(bodyFields)).max(10).default(['headline']),
    /** A URL button whose URL is `base` + {{1}}: the story URL's rest after `base` fills it. */
    urlButton: z.object({ index: z.number().int().min(0).max(9), base: z.url() }).optional(),
  }),
  /** The Cloud API webhook (readers replying STOP): the app secret signs each call, the verify token answers the GET handshake. */
  webhook: z.object({ appSecret: z.string().min(1), verifyToken: z.string().min(1) }).optional(),
  /** Longest text parameter, in characters (the whole body may hold at most 1,024). */
  maxParamLength: z.number().int().min(20).max(1024).default(250),
});
export type WhatsAppConfig = z.infer<typeof whatsappConfigSchema>;

/** One opted-in reader: the number in international form, digits only (a leading + is allowed). */
export const whatsappTargetSchema = z.object({ to: z.string().regex(/^\+?[1-9]\d{6,14}$/) });
export type WhatsAppTarget = z.infer<typeof whatsappTargetSchema>;

export const whatsappMemorySchema = z.object({ messageId: z.string().min(1), waId: z.string().nullable() });
export type WhatsAppMemory = z.infer<typeof whatsappMemorySchema>;

/** A template text parameter: one line (Meta refuses newlines, tabs and 4+ spaces), cut cleanly. */
export function templateParam(text: string, max: number): string {
  return truncate(oneLine(text), max);
}

const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().int(),
    error_data: z.object({ details: z.string().optional() }).optional(),
    fbtrace_id: z.string().optional(),
  }),
});

const rateLimitCodes = new Set([4, 80007, 130429, 131048, 131056, 133016]);
const temporaryCodes = new Set([1, 2, 131000, 131016, 133004]);
const authCodes = new Set([0, 190]);
const forbiddenCodes = new Set([3, 10, 368, 130497, 131031]);

/** The outcome of a Graph API error object (or of a bare HTTP status when there is none). */
export function graphErrorOutcome<M>(status: number, body: string, retryAfter: number | null): DeliveryOutcome<M> {
  const parsed = graphErrorSchema.safeParse(parseJson(body));
  if (!parsed.success) return statusOutcome(status, `HTTP ${status}: ${body.slice(0, 200)}`, retryAfter);
  const { code, message, error_data: data } = parsed.data.error;
  const detail = data?.details ? `${message}: ${data.details}` : message;
  const retry = (reason: OutcomeReason): DeliveryOutcome<M> => ({ status: 'retry', reason, detail, retryAfterMs: retryAfter });
  if (rateLimitCodes.has(code)) return retry('rateLimited');
  if (temporaryCodes.has(code) || status >= 500) return retry('serviceUnavailable');
  if (authCodes.has(code)) return { status: 'failed', reason: 'unauthorized', detail, httpStatus: status };
  if (forbiddenCodes.has(code) || (code >= 200 && code <= 299)) return { status: 'failed', reason: 'forbidden', detail, httpStatus: status };
  return { status: 'failed', reason: 'rejected', detail, httpStatus: status };
}

const sentSchema = z.object({
  contacts: z.array(z.object({ wa_id: z.string() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

/** The Cloud API request body for one story to one reader; a string says what is wrong. */
export function whatsappTemplateBody(message: StoryMessage, config: WhatsAppConfig, to: string): object | string {
  const t = config.template;
  const value = (f: (typeof bodyFields)[number]) => (f === 'headline' ? message.headline : f === 'dek' ? message.dek : f === 'url' ? message.url : message.sectionName);
  const components: object[] = [];
  if (t.headerImage) {
    const link = message.imageUrl ?? t.fallbackImageUrl;
    if (!link) return 'the template has an image header but the story has no image and no fallback image is set';
    components.push({ type: 'header', parameters: [{ type: 'image', image: { link } }] });
  }
  if (t.body.length > 0) {
    // An empty parameter is refused; a story without a dek sends its headline in that place.
    const params = t.body.map((f) => templateParam(value(f) || message.headline, config.maxParamLength));
    components.push({ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) });
  }
  if (t.urlButton) {
    if (!message.url.startsWith(t.urlButton.base)) return `the story URL does not start with the button's base ${t.urlButton.base}`;
    const suffix = message.url.slice(t.urlButton.base.length);
    components.push({ type: 'button', sub_type: 'url', index: String(t.urlButton.index), parameters: [{ type: 'text', text: suffix }] });
  }
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: to.replace(/^\+/, ''),
    type: 'template',
    template: { name: t.name, language: { code: t.language }, components },
  };
}

export const whatsappAdapter: ChannelAdapter<WhatsAppConfig, WhatsAppMemory, WhatsAppTarget> = {
  type: 'whatsapp',
  configSchema: whatsappConfigSchema,
  memorySchema: whatsappMemorySchema,
  // A template message cannot be edited or taken back.
  handles: ['published', 'breaking'],
  async deliver({ message, config, previous, target, network }) {
    if (message.kind !== 'published' && message.kind !== 'breaking') return { status: 'failed', reason: 'unsupported', detail: `WhatsApp messages cannot be changed (${message.kind})` };
    if (previous !== null) return { status: 'sent', remoteId: previous.messageId, remoteUrl: null, memory: previous, unchanged: true };
    const to = whatsappTargetSchema.safeParse(target);
    if (!to.success) return { status: 'failed', reason: 'invalidConfig', detail: 'the reader’s number is not in international form' };
    const body = whatsappTemplateBody(message, config, to.data.to);
    if (typeof body === 'string') return { status: 'failed', reason: 'invalidConfig', detail: body };
    const r = await send(
      {
        method: 'POST',
        url: `${config.apiBase.replace(/\/$/, '')}/${config.apiVersion}/${config.phoneNumberId}/messages`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.accessToken}` },
        body: JSON.stringify(body),
      },
      network,
    );
    if (r.kind !== 'answered') return unansweredOutcome(r);
    if (r.status >= 200 && r.status < 300) {
      const ok = sentSchema.safeParse(parseJson(r.body));
      if (!ok.success || !r.complete) return { status: 'unknown', reason: 'unreadableAnswer', detail: `HTTP ${r.status}: ${r.body.slice(0, 200)}` };
      const messageId = ok.data.messages[0]!.id;
      return { status: 'sent', remoteId: messageId, remoteUrl: null, memory: { messageId, waId: ok.data.contacts?.[0]?.wa_id ?? null } };
    }
    return graphErrorOutcome(r.status, r.body, retryAfterMs(r.headers['retry-after']));
  },
};

/** Checks `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256 of the raw body under the app secret. */
export function verifyWhatsAppSignature(rawBody: Buffer | string, header: string | undefined, appSecret: string): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'));
}

/** The webhook's GET handshake: the challenge to echo back, or null when the token does not match. */
export function whatsappChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  const a = Buffer.from(token);
  const b = Buffer.from(verifyToken);
  return a.length === b.length && timingSafeEqual(a, b) ? challenge : null;
}

/** Replies that mean "stop" or "start again", after folding case, spaces and punctuation. */
const stopWords = new Set(['stop', 'stopall', 'stop all', 'unsubscribe', 'cancel', 'end', 'quit', 'stop promotions', 'બંધ', 'બંધ કરો', 'રોકો', 'અનસબ્સ્ક્રાઇબ', 'સ્ટોપ']);
const startWords = new Set(['start', 'subscribe', 'resume promotions', 'શરૂ', 'શરૂ કરો', 'ચાલુ', 'ચાલુ કરો', 'સ્ટાર્ટ']);

function fold(text: string): string {
  return oneLine(text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' '));
}

export interface WhatsAppReaderChange {
  /** The reader's WhatsApp id (their number, digits only). */
  waId: string;
  /** When WhatsApp saw it. */
  at: Date;
  /** A reply (text or button) with a stop/start word, or a failed delivery saying the reader stopped marketing messages (131050). */
  via: 'reply' | 'stoppedMarketing';
}

const webhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            messages: z
              .array(
                z.object({
                  from: z.string(),
                  timestamp: z.string(),
                  type: z.string(),
                  text: z.object({ body: z.string() }).optional(),
                  button: z.object({ text: z.string().optional(), payload: z.string().optional() }).optional(),
                  interactive: z.object({ button_reply: z.object({ id: z.string().optional(), title: z.string().optional() }).optional() }).optional(),
                }),
              )
              .optional(),
            statuses: z
              .array(z.object({ recipient_id: z.string(), status: z.string(), timestamp: z.string(), errors: z.array(z.object({ code: z.number() })).optional() }))
              .optional(),
          }),
        }),
      ),
    }),
  ),
});

/**
 * Readers who asked to stop (or to start again) in a webhook payload. Anything that is not a
 * WhatsApp Business webhook gives nothing; check the signature before calling this.
 */
export function parseWhatsAppWebhook(payload: unknown): { optOuts: WhatsAppReaderChange[]; optIns: WhatsAppReaderChange[] } {
  const optOuts: WhatsAppReaderChange[] = [];
  const optIns: WhatsAppReaderChange[] = [];
  const parsed = webhookSchema.safeParse(payload);
  if (!parsed.success) return { optOuts, optIns };
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      for (const m of change.value.messages ?? []) {
        const words = [m.text?.body, m.button?.text, m.button?.payload, m.interactive?.button_reply?.title, m.interactive?.button_reply?.id]
          .filter((w): w is string => typeof w === 'string')
          .map(fold);
        const at = new Date(Number(m.timestamp) * 1000);
        if (words.some((w) => stopWords.has(w))) optOuts.push({ waId: m.from, at, via: 'reply' });
        else if (words.some((w) => startWords.has(w))) optIns.push({ waId: m.from, at, via: 'reply' });
      }
      for (const s of change.value.statuses ?? []) {
        if (s.status === 'failed' && s.errors?.some((e) => e.code === 131050)) {
          optOuts.push({ waId: s.recipient_id, at: new Date(Number(s.timestamp) * 1000), via: 'stoppedMarketing' });
        }
      }
    }
  }
  return { optOuts, optIns };
}

/**
 * The "share to our WhatsApp channel" message: bold headline (plain when it holds a `*`, which
 * would break WhatsApp's bold), the dek, the link.
 */
export function whatsappShareText(message: Pick<StoryMessage, 'headline' | 'dek' | 'url'>): string {
  const headline = oneLine(message.headline);
  const title = headline.includes('*') ? headline : `*${headline}*`;
  const dek = message.dek.trim();
  return [title, dek, message.url].filter((part) => part !== '').join('\n\n');
}

/** A link that opens WhatsApp with the text ready to send or forward. */
export function whatsappShareLink(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}
