// Telegram Bot API adapter: a channel post per story, in HTML parse mode, edited when the story
// changes and deleted (or marked) when it is unpublished.
// Bot API: https://core.telegram.org/bots/api (sendMessage, sendPhoto, editMessageText,
// editMessageCaption, editMessageMedia, deleteMessage; answers {ok, result} or
// {ok: false, error_code, description, parameters: {retry_after, migrate_to_chat_id}}).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { distributionPostTexts } from '../../i18n/distribution.js';
import { parseJson, send, unansweredOutcome, type HttpResult } from './http.js';
import { trimLineEnds, truncate } from './text.js';
import type { ChannelAdapter, DeliveryInput, DeliveryOutcome, NetworkPolicy, StoryMessage } from './types.js';
import type { TemplateProblem } from '../../i18n/distribution.js';

export type { TemplateProblem };

/** Limits "after entities parsing", counted in UTF-16 code units as Telegram counts them. */
export const telegramLimits = { caption: 1024, text: 4096 } as const;

export const telegramPlaceholders = ['headline', 'dek', 'url', 'section', 'breaking'] as const;
type Placeholder = (typeof telegramPlaceholders)[number];

/** Tags Telegram's HTML style accepts that a template may use (href only on `<a>`). */
const templateTags = ['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'code', 'pre', 'blockquote', 'tg-spoiler', 'a'];


type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; tag: string; href: string | null }
  | { kind: 'close'; tag: string };

const tagPattern = new RegExp(`<(/?)(${templateTags.join('|')})(?:\\s+href="([^"<>]*)")?\\s*>`, 'g');

/**
 * Reads a template: Telegram HTML tags from the list above, everything else plain text (a `<` or
 * `&` that is not one of those tags is shown as written), `{placeholder}` in text or in href.
 */
function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const m of template.matchAll(tagPattern)) {
    if (m.index > at) tokens.push({ kind: 'text', text: template.slice(at, m.index) });
    const tag = m[2]!;
    if (m[1] === '/') tokens.push({ kind: 'close', tag });
    else tokens.push({ kind: 'open', tag, href: tag === 'a' ? (m[3] ?? '') : null });
    at = m.index + m[0].length;
  }
  if (at < template.length) tokens.push({ kind: 'text', text: template.slice(at) });
  return tokens;
}

/** Everything wrong with a template, for the channels page; empty when it is usable. */
export function checkTelegramTemplate(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const m of template.matchAll(/\{([^{}\s]*)\}/g)) {
    if (!(telegramPlaceholders as readonly string[]).includes(m[1]!)) problems.push({ code: 'unknownPlaceholder', name: m[1]! });
  }
  const open: string[] = [];
  for (const t of tokenize(template)) {
    if (t.kind === 'open') open.push(t.tag);
    else if (t.kind === 'close') {
      if (open.at(-1) === t.tag) open.pop();
      else problems.push({ code: 'unexpectedClose', tag: t.tag });
    }
  }
  for (const tag of open) problems.push({ code: 'unclosedTag', tag });
  return problems;
}

/** Escapes text for Telegram's HTML style: `&`, `<`, `>` in text, and `"` too inside attributes. */
export function escapeTelegramHtml(text: string, attribute = false): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? escaped.replace(/"/g, '&quot;') : escaped;
}

const namedEntities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** What a reader sees of a Telegram HTML string: tags dropped, entities decoded. */
export function telegramVisibleText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot);/gi, (_, e: string) => {
      if (e[0] !== '#') return namedEntities[e.toLowerCase()]!;
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    });
}

type Values = Record<Placeholder, string>;

function fill(text: string, values: Values): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}

function render(tokens: Token[], values: Values): string {
  let html = tokens
    .map((t) => {
      if (t.kind === 'text') return escapeTelegramHtml(fill(t.text, values));
      if (t.kind === 'close') return `</${t.tag}>`;
      return t.tag === 'a' ? `<a href="${escapeTelegramHtml(fill(t.href ?? '', values), true)}">` : `<${t.tag}>`;
    })
    .join('');
  // An empty placeholder leaves empty tags and blank lines behind; tidy them so the post reads well.
  const empty = new RegExp(`<(${templateTags.join('|')})(?: [^>]*)?>\\s*</\\1>`, 'g');
  for (let before = ''; before !== html; ) {
    before = html;
    html = html.replace(empty, '');
  }
  return trimLineEnds(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Fills the template and fits it in `limit` visible UTF-16 units: the dek is shortened first
 * (down to nothing), then the headline, each at a grapheme boundary; the URL is never cut.
 * Null when even that does not fit (the template's own text is too long).
 */
export function composeTelegramHtml(message: StoryMessage, template: string, limit: number): string | null {
  const tokens = tokenize(template);
  const texts = distributionPostTexts(message.language);
  const fixed = {
    url: message.url,
    section: message.sectionName,
    breaking: message.breaking ? texts.breakingPrefix : '',
  };
  let headline = message.headline.trim();
  let dek = message.dek.trim();
  for (;;) {
    const html = render(tokens, { ...fixed, headline, dek });
    const over = telegramVisibleText(html).length - limit;
    if (over <= 0) return html;
    if (dek !== '') dek = truncate(message.dek.trim(), dek.length - over);
    else if (headline !== '' && headline.length > over) {
      const shorter = truncate(message.headline.trim(), headline.length - over);
      if (shorter === '') return null;
      headline = shorter;
    } else return null;
  }
}

const chatIdSchema = z
  .string()
  .regex(/^(@[A-Za-z][A-Za-z0-9_]{3,}|-?\d+)$/, 'a channel @username or a numeric chat id such as -1001234567890');

export const telegramConfigSchema = z.object({
  /** The bot's token from @BotFather. */
  botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'a bot token such as 123456:ABC-DEF…'),
  /** The channel: @username or numeric id. */
  chatId: chatIdSchema,
  /** Post template, Telegram HTML with {headline} {dek} {url} {section} {breaking}; the language's default when absent. */
  template: z
    .string()
    .min(1)
    .max(4000)
    .optional()
    .superRefine((t, ctx) => {
      for (const p of t === undefined ? [] : checkTelegramTemplate(t)) ctx.addIssue({ code: 'custom', message: JSON.stringify(p) });
    }),
  /** Add an inline "read" button linking to the story. */
  readButton: z.boolean().default(false),
  /** The button's label; the language's default when absent. */
  readButtonText: z.string().min(1).max(64).optional(),
  /** Post without sound unless the story is breaking. */
  silentUnlessBreaking: z.boolean().default(false),
  /** On unpublish: delete the post, or edit it to say the story was withdrawn. Delete falls back to marking when Telegram refuses (posts older than 48 hours). */
  onUnpublish: z.enum(['delete', 'mark']).default('delete'),
  /** Bot API base; changed only for a local Bot API server or tests. */
  apiBase: z.url().default('https://api.telegram.org'),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

export const telegramMemorySchema = z.object({
  /** Chat id as Telegram answered it (numeric), for edits. */
  chatId: z.number().int(),
  /** Public @username of the channel, for links; null for private channels. */
  chatUsername: z.string().nullable(),
  messageId: z.number().int(),
  /** A photo post (edited through its caption) or a text post. */
  kind: z.enum(['photo', 'text']),
  /** The photo's URL when it was posted, to see whether an update changes it. */
  imageUrl: z.string().nullable(),
  /** Hash of what was last sent, so an update that changes nothing visible costs no call. */
  contentHash: z.string(),
  /** The post was edited to say the story was withdrawn. */
  withdrawn: z.boolean(),
});
export type TelegramMemory = z.infer<typeof telegramMemorySchema>;

/** A link to a channel post: t.me/<username>/<id>, or t.me/c/<id>/<id> for private channels. */
export function telegramPostUrl(chatId: number, username: string | null, messageId: number): string | null {
  if (username) return `https://t.me/${username}/${messageId}`;
  const id = String(chatId);
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null;
}

const answerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int(),
    description: z.string().default(''),
    parameters: z.object({ retry_after: z.number().optional(), migrate_to_chat_id: z.number().optional() }).optional(),
  }),
]);

const messageResultSchema = z.object({
  message_id: z.number().int(),
  chat: z.object({ id: z.number().int(), username: z.string().optional() }),
});

type Call =
  | { ok: true; result: unknown }
  | { ok: false; code: number; description: string; outcome: DeliveryOutcome<TelegramMemory> };

/** Photo URLs Telegram could not fetch or use: the post goes out as text instead. */
const unusablePhoto = /wrong file identifier|failed to get HTTP URL content|wrong type of the web page content|IMAGE_PROCESS_FAILED|PHOTO_INVALID_DIMENSIONS|wrong remote file/i;

async function call(config: TelegramConfig, method: string, params: Record<string, unknown>, network: NetworkPolicy): Promise<Call> {
  const result: HttpResult = await send(
    {
      method: 'POST',
      url: `${config.apiBase.replace(/\/$/, '')}/bot${config.botToken}/${method}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    },
    network,
  );
  if (result.kind !== 'answered') return { ok: false, code: 0, description: result.detail, outcome: unansweredOutcome(result) };
  const parsed = answerSchema.safeParse(parseJson(result.body));
  if (!parsed.success || !result.complete) {
    const detail = `HTTP ${result.status}: ${result.body.slice(0, 200)}`;
    if (result.status >= 200 && result.status < 300) return { ok: false, code: result.status, description: detail, outcome: { status: 'unknown', reason: 'unreadableAnswer', detail } };
    if (result.status === 429 || result.status >= 500) return { ok: false, code: result.status, description: detail, outcome: { status: 'retry', reason: result.status === 429 ? 'rateLimited' : 'serviceUnavailable', detail, retryAfterMs: null } };
    return { ok: false, code: result.status, description: detail, outcome: { status: 'failed', reason: 'rejected', detail, httpStatus: result.status } };
  }
  const answer = parsed.data;
  if (answer.ok) return { ok: true, result: answer.result };
  const code = answer.error_code;
  const detail = answer.description;
  let outcome: DeliveryOutcome<TelegramMemory>;
  if (code === 429) outcome = { status: 'retry', reason: 'rateLimited', detail, retryAfterMs: answer.parameters?.retry_after !== undefined ? answer.parameters.retry_after * 1000 : null };
  else if (code >= 500) outcome = { status: 'retry', reason: 'serviceUnavailable', detail, retryAfterMs: null };
  else if (code === 401) outcome = { status: 'failed', reason: 'unauthorized', detail, httpStatus: code };
  else if (code === 403) outcome = { status: 'failed', reason: 'forbidden', detail, httpStatus: code };
  else if (/message to (edit|delete) not found/i.test(detail)) outcome = { status: 'failed', reason: 'remoteMissing', detail, httpStatus: code };
  else {
    const migrated = answer.parameters?.migrate_to_chat_id;
    outcome = { status: 'failed', reason: 'rejected', detail: migrated === undefined ? detail : `${detail} (migrate_to_chat_id ${migrated})`, httpStatus: code };
  }
  return { ok: false, code, description: detail, outcome };
}

interface Post {
  html: string;
  markup: { inline_keyboard: Array<Array<{ text: string; url: string }>> } | undefined;
  hash: string;
}

function post(message: StoryMessage, config: TelegramConfig, limit: number): Post | null {
  const texts = distributionPostTexts(message.language);
  const html = composeTelegramHtml(message, config.template ?? texts.telegramTemplate, limit);
  if (html === null) return null;
  const markup = config.readButton ? { inline_keyboard: [[{ text: config.readButtonText ?? texts.readButton, url: message.url }]] } : undefined;
  const hash = createHash('sha256').update(JSON.stringify([html, markup ?? null, message.imageUrl])).digest('base64url').slice(0, 22);
  return { html, markup, hash };
}

function sentMessage(result: unknown, kind: 'photo' | 'text', imageUrl: string | null, hash: string): DeliveryOutcome<TelegramMemory> {
  const parsed = messageResultSchema.safeParse(result);
  if (!parsed.success) return { status: 'unknown', reason: 'unreadableAnswer', detail: 'Telegram said ok but returned no message' };
  const { message_id: messageId, chat } = parsed.data;
  const memory: TelegramMemory = { chatId: chat.id, chatUsername: chat.username ?? null, messageId, kind, imageUrl, contentHash: hash, withdrawn: false };
  return { status: 'sent', remoteId: `${chat.id}/${messageId}`, remoteUrl: telegramPostUrl(chat.id, memory.chatUsername, messageId), memory };
}

const tooLong: DeliveryOutcome<TelegramMemory> = { status: 'failed', reason: 'tooLong', detail: 'the template does not fit Telegram’s limit even with the dek and headline shortened' };

async function sendNew(input: DeliveryInput<TelegramConfig, TelegramMemory, undefined>): Promise<DeliveryOutcome<TelegramMemory>> {
  const { message, config, network } = input;
  const common = { chat_id: config.chatId, parse_mode: 'HTML', disable_notification: config.silentUnlessBreaking && !message.breaking };
  if (message.imageUrl !== null) {
    const caption = post(message, config, telegramLimits.caption);
    if (caption === null) return tooLong;
    const r = await call(config, 'sendPhoto', { ...common, photo: message.imageUrl, caption: caption.html, reply_markup: caption.markup }, network);
    if (r.ok) return sentMessage(r.result, 'photo', message.imageUrl, caption.hash);
    // Only a 400 about the photo itself means nothing was posted; then the story goes out as text.
    if (!(r.code === 400 && unusablePhoto.test(r.description))) return r.outcome;
  }
  const text = post({ ...message, imageUrl: null }, config, telegramLimits.text);
  if (text === null) return tooLong;
  const r = await call(
    config,
    'sendMessage',
    { ...common, text: text.html, link_preview_options: { url: message.url }, reply_markup: text.markup },
    network,
  );
  return r.ok ? sentMessage(r.result, 'text', null, text.hash) : r.outcome;
}

function unchanged(previous: TelegramMemory): DeliveryOutcome<TelegramMemory> {
  const url = telegramPostUrl(previous.chatId, previous.chatUsername, previous.messageId);
  return { status: 'sent', remoteId: `${previous.chatId}/${previous.messageId}`, remoteUrl: url, memory: previous, unchanged: true };
}

/** Edits the live post to the story's current content; the photo is replaced when it changed. */
async function edit(input: DeliveryInput<TelegramConfig, TelegramMemory, undefined>, previous: TelegramMemory): Promise<DeliveryOutcome<TelegramMemory>> {
  const { message, config, network } = input;
  const isPhoto = previous.kind === 'photo';
  const keepImage = isPhoto ? (message.imageUrl ?? previous.imageUrl) : null;
  const content = post({ ...message, imageUrl: keepImage }, config, isPhoto ? telegramLimits.caption : telegramLimits.text);
  if (content === null) return tooLong;
  if (content.hash === previous.contentHash && !previous.withdrawn) return unchanged(previous);
  const target = { chat_id: previous.chatId, message_id: previous.messageId, reply_markup: content.markup ?? { inline_keyboard: [] } };
  let r: Call;
  if (isPhoto && keepImage !== previous.imageUrl) {
    r = await call(config, 'editMessageMedia', { ...target, media: { type: 'photo', media: keepImage, caption: content.html, parse_mode: 'HTML' } }, network);
  } else if (isPhoto) {
    r = await call(config, 'editMessageCaption', { ...target, caption: content.html, parse_mode: 'HTML' }, network);
  } else {
    r = await call(config, 'editMessageText', { ...target, text: content.html, parse_mode: 'HTML', link_preview_options: { url: message.url } }, network);
  }
  const memory: TelegramMemory = { ...previous, imageUrl: keepImage, contentHash: content.hash, withdrawn: false };
  if (r.ok || /message is not modified/i.test(r.description)) {
    return { status: 'sent', remoteId: `${previous.chatId}/${previous.messageId}`, remoteUrl: telegramPostUrl(previous.chatId, previous.chatUsername, previous.messageId), memory, unchanged: !r.ok };
  }
  return r.outcome;
}

/** Edits the post to the struck-through headline and a "withdrawn" note, without link or button. */
async function mark(input: DeliveryInput<TelegramConfig, TelegramMemory, undefined>, previous: TelegramMemory): Promise<DeliveryOutcome<TelegramMemory>> {
  const { message, config, network } = input;
  const texts = distributionPostTexts(message.language);
  const limit = previous.kind === 'photo' ? telegramLimits.caption : telegramLimits.text;
  const html = composeTelegramHtml(message, `<s>{headline}</s>\n\n<i>${texts.withdrawnNote}</i>`, limit);
  if (html === null) return tooLong;
  const target = { chat_id: previous.chatId, message_id: previous.messageId, reply_markup: { inline_keyboard: [] } };
  const r =
    previous.kind === 'photo'
      ? await call(config, 'editMessageCaption', { ...target, caption: html, parse_mode: 'HTML' }, network)
      : await call(config, 'editMessageText', { ...target, text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } }, network);
  if (r.ok || /message is not modified/i.test(r.description)) {
    const memory: TelegramMemory = { ...previous, withdrawn: true };
    return { status: 'sent', remoteId: `${previous.chatId}/${previous.messageId}`, remoteUrl: telegramPostUrl(previous.chatId, previous.chatUsername, previous.messageId), memory };
  }
  return r.outcome;
}

async function remove(input: DeliveryInput<TelegramConfig, TelegramMemory, undefined>, previous: TelegramMemory): Promise<DeliveryOutcome<TelegramMemory>> {
  if (input.config.onUnpublish === 'mark') return mark(input, previous);
  const r = await call(input.config, 'deleteMessage', { chat_id: previous.chatId, message_id: previous.messageId }, input.network);
  if (r.ok || /message to delete not found/i.test(r.description)) return { status: 'sent', remoteId: null, remoteUrl: null, memory: null };
  // Bots cannot delete posts older than 48 hours; then the post says the story was withdrawn.
  if (r.code === 400 && /message can't be deleted/i.test(r.description)) return mark(input, previous);
  return r.outcome;
}

export const telegramAdapter: ChannelAdapter<TelegramConfig, TelegramMemory> = {
  type: 'telegram',
  configSchema: telegramConfigSchema,
  memorySchema: telegramMemorySchema,
  handles: ['published', 'updated', 'corrected', 'unpublished', 'breaking'],
  async deliver(input) {
    const { message, previous } = input;
    if (message.kind === 'unpublished') {
      return previous === null ? { status: 'sent', remoteId: null, remoteUrl: null, memory: null, unchanged: true } : remove(input, previous);
    }
    // A story already posted is edited, never posted again; "resend" passes previous = null.
    return previous === null ? sendNew(input) : edit(input, previous);
  },
};
