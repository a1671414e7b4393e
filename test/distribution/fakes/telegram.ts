// A local Bot API server for the methods Khabar uses, answering as https://core.telegram.org/bots/api
// documents: {ok: true, result} or {ok: false, error_code, description[, parameters]}. It parses
// HTML parse mode the way Telegram does (supported tags, the four named entities and numeric
// ones, text trimmed) and enforces the limits after parsing, in UTF-16 code units.
import { FakeServer, requestParams, type Answer, type Recorded } from './server.js';

export interface FakeEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export interface FakePost {
  message_id: number;
  kind: 'photo' | 'text';
  photo: string | null;
  text: string;
  entities: FakeEntity[];
  reply_markup: unknown;
  link_preview_options: unknown;
  disable_notification: boolean;
  deleted: boolean;
  edits: number;
  /** Posts older than 48 hours cannot be deleted by bots. */
  old: boolean;
  /** When it was posted (ms since the epoch). */
  at: number;
}

interface FakeChat {
  id: number;
  username: string;
  title: string;
  /** 'admin' posts; 'member' gets "need administrator rights"; 'none' gets 403. */
  bot: 'admin' | 'member' | 'none';
  posts: Map<number, FakePost>;
}

const tagEntity: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', code: 'code', pre: 'pre',
  blockquote: 'blockquote', 'tg-spoiler': 'spoiler', a: 'text_link',
};

class ParseError extends Error {}

/** Telegram's HTML style: text and entities (UTF-16 offsets), or a ParseError as Telegram words it. */
export function parseTelegramHtml(html: string): { text: string; entities: FakeEntity[] } {
  let text = '';
  const entities: FakeEntity[] = [];
  const open: Array<{ tag: string; offset: number; url?: string }> = [];
  let i = 0;
  const byteOffset = (at: number) => Buffer.byteLength(html.slice(0, at));
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw new ParseError(`Can't parse entities: unclosed start tag at byte offset ${byteOffset(i)}`);
      const inner = html.slice(i + 1, end);
      const close = /^\/([a-z-]+)\s*$/i.exec(inner);
      const start = /^([a-z-]+)((?:\s+[a-z-]+\s*=\s*"[^"]*")*)\s*$/i.exec(inner);
      if (close) {
        const tag = close[1]!.toLowerCase();
        const top = open.pop();
        if (!top || top.tag !== tag) throw new ParseError(`Can't parse entities: can't find end tag corresponding to start tag "${top?.tag ?? tag}"`);
        if (text.length > top.offset) entities.push({ type: tagEntity[tag]!, offset: top.offset, length: text.length - top.offset, ...(top.url !== undefined && { url: top.url }) });
      } else if (start && tagEntity[start[1]!.toLowerCase()]) {
        const tag = start[1]!.toLowerCase();
        const href = /href\s*=\s*"([^"]*)"/i.exec(start[2] ?? '');
        if (tag === 'a' && !href) throw new ParseError(`Can't parse entities: no URL in <a> at byte offset ${byteOffset(i)}`);
        open.push({ tag, offset: text.length, ...(href && { url: decodeEntities(href[1]!) }) });
      } else {
        throw new ParseError(`Can't parse entities: unsupported start tag "${inner.split(/\s/)[0]}" at byte offset ${byteOffset(i)}`);
      }
      i = end + 1;
    } else if (c === '&') {
      const m = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(html.slice(i));
      if (m && /^(#|lt$|gt$|amp$|quot$)/i.test(m[1]!)) {
        text += decodeEntities(m[0]);
        i += m[0].length;
      } else {
        text += c;
        i += 1;
      }
    } else {
      text += c;
      i += 1;
    }
  }
  if (open.length > 0) throw new ParseError(`Can't parse entities: can't find end tag corresponding to start tag "${open.at(-1)!.tag}"`);
  // Telegram trims the text; entities move with it.
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  return {
    text: trimmed,
    entities: entities
      .map((e) => ({ ...e, offset: e.offset - lead }))
      .filter((e) => e.offset >= 0 && e.offset < trimmed.length)
      .sort((a, b) => a.offset - b.offset),
  };
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
    if (e[0] !== '#') return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1]!.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

const error = (code: number, description: string, parameters?: object): Answer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters && { parameters }) },
});

export class FakeTelegram {
  readonly server: FakeServer;
  readonly tokens = new Set<string>();
  readonly chats = new Map<string, FakeChat>();
  /** Photo URLs Telegram "cannot fetch". */
  readonly brokenPhotos = new Set<string>();
  /** Answer the next N calls with 429 and this retry_after. */
  rateLimit = { remaining: 0, retryAfter: 7 };
  /** Answer this share of calls (at random) with 429 and this retry_after: a flood-controlled bot. */
  flood = { share: 0, retryAfter: 1 };
  private nextId = 100;

  constructor() {
    this.server = new FakeServer((req) => this.answer(req));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  addChannel(username: string, id: number, bot: FakeChat['bot'] = 'admin'): void {
    const chat: FakeChat = { id, username, title: `Channel ${username}`, bot, posts: new Map() };
    this.chats.set(`@${username}`, chat);
    this.chats.set(String(id), chat);
  }

  posts(username: string): FakePost[] {
    return [...(this.chats.get(`@${username}`)?.posts.values() ?? [])];
  }

  /** Calls that reached a method, by name. */
  calls(method?: string): Recorded[] {
    return this.server.requests.filter((r) => method === undefined || r.url.pathname.endsWith(`/${method}`));
  }

  private answer(req: Recorded): Answer {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url.pathname);
    if (!m) return error(404, 'Not Found');
    const [, token, method] = m as unknown as [string, string, string];
    if (!this.tokens.has(token)) return error(401, 'Unauthorized');
    if (this.rateLimit.remaining > 0) {
      this.rateLimit.remaining -= 1;
      return error(429, `Too Many Requests: retry after ${this.rateLimit.retryAfter}`, { retry_after: this.rateLimit.retryAfter });
    }
    if (this.flood.share > 0 && Math.random() < this.flood.share) {
      return error(429, `Too Many Requests: retry after ${this.flood.retryAfter}`, { retry_after: this.flood.retryAfter });
    }
    const p = requestParams(req);
    const markup = typeof p.reply_markup === 'string' ? (JSON.parse(p.reply_markup) as unknown) : p.reply_markup;
    const chat = this.chats.get(String(p.chat_id));
    if (!['sendMessage', 'sendPhoto', 'editMessageText', 'editMessageCaption', 'editMessageMedia', 'deleteMessage'].includes(method)) return error(404, 'Not Found');
    if (!chat) return error(400, 'Bad Request: chat not found');
    if (chat.bot === 'none') return error(403, 'Forbidden: bot is not a member of the channel chat');
    if (chat.bot === 'member') return error(400, 'Bad Request: need administrator rights in the channel chat');

    const parse = (html: unknown, limit: number, what: 'text' | 'caption'): { text: string; entities: FakeEntity[] } | Answer => {
      if (typeof html !== 'string') return what === 'text' ? error(400, 'Bad Request: message text is empty') : { text: '', entities: [] };
      try {
        const parsed = p.parse_mode === 'HTML' ? parseTelegramHtml(html) : { text: html.trim(), entities: [] };
        if (what === 'text' && parsed.text === '') return error(400, 'Bad Request: message text is empty');
        if (parsed.text.length > limit) return error(400, what === 'text' ? 'Bad Request: message is too long' : 'Bad Request: message caption is too long');
        return parsed;
      } catch (e) {
        if (e instanceof ParseError) return error(400, `Bad Request: ${e.message}`);
        throw e;
      }
    };
    const result = (post: FakePost) => ({
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: post.message_id,
          sender_chat: { id: chat.id, title: chat.title, username: chat.username, type: 'channel' },
          chat: { id: chat.id, title: chat.title, username: chat.username, type: 'channel' },
          date: Math.floor(Date.now() / 1000),
          ...(post.edits > 0 && { edit_date: Math.floor(Date.now() / 1000) }),
          ...(post.kind === 'photo'
            ? { photo: [{ file_id: `photo-${post.message_id}`, file_unique_id: `u${post.message_id}`, width: 1200, height: 630 }], caption: post.text, caption_entities: post.entities }
            : { text: post.text, entities: post.entities }),
          ...(post.reply_markup !== undefined && { reply_markup: post.reply_markup }),
        },
      },
    });

    if (method === 'sendMessage' || method === 'sendPhoto') {
      const isPhoto = method === 'sendPhoto';
      if (isPhoto && (typeof p.photo !== 'string' || this.brokenPhotos.has(p.photo))) return error(400, 'Bad Request: wrong file identifier/HTTP URL specified');
      const parsed = isPhoto ? parse(p.caption, 1024, 'caption') : parse(p.text, 4096, 'text');
      if ('status' in parsed) return parsed;
      const post: FakePost = {
        message_id: this.nextId++,
        kind: isPhoto ? 'photo' : 'text',
        photo: isPhoto ? (p.photo as string) : null,
        ...parsed,
        reply_markup: markup,
        link_preview_options: p.link_preview_options,
        disable_notification: p.disable_notification === true || p.disable_notification === 'true',
        deleted: false,
        edits: 0,
        old: false,
        at: Date.now(),
      };
      chat.posts.set(post.message_id, post);
      return result(post);
    }

    const post = chat.posts.get(Number(p.message_id));
    if (method === 'deleteMessage') {
      if (!post || post.deleted) return error(400, 'Bad Request: message to delete not found');
      if (post.old) return error(400, "Bad Request: message can't be deleted");
      post.deleted = true;
      return { status: 200, body: { ok: true, result: true } };
    }
    if (!post || post.deleted) return error(400, 'Bad Request: message to edit not found');
    let next: { text: string; entities: FakeEntity[]; photo: string | null };
    if (method === 'editMessageText') {
      if (post.kind !== 'text') return error(400, 'Bad Request: there is no text in the message to edit');
      const parsed = parse(p.text, 4096, 'text');
      if ('status' in parsed) return parsed;
      next = { ...parsed, photo: null };
    } else if (method === 'editMessageCaption') {
      if (post.kind !== 'photo') return error(400, 'Bad Request: there is no caption in the message to edit');
      const parsed = parse(p.caption, 1024, 'caption');
      if ('status' in parsed) return parsed;
      next = { ...parsed, photo: post.photo };
    } else {
      const media = (typeof p.media === 'string' ? JSON.parse(p.media) : p.media) as { type: string; media: string; caption?: string; parse_mode?: string };
      if (media.type !== 'photo' || this.brokenPhotos.has(media.media)) return error(400, 'Bad Request: wrong file identifier/HTTP URL specified');
      const saved = p.parse_mode;
      p.parse_mode = media.parse_mode;
      const parsed = parse(media.caption, 1024, 'caption');
      p.parse_mode = saved;
      if ('status' in parsed) return parsed;
      next = { ...parsed, photo: media.media };
    }
    // An empty inline keyboard is no keyboard.
    const keyboard = (m: unknown) => (JSON.stringify(m ?? null) === '{"inline_keyboard":[]}' ? 'null' : JSON.stringify(m ?? null));
    const same = next.text === post.text && JSON.stringify(next.entities) === JSON.stringify(post.entities) && next.photo === post.photo && keyboard(markup) === keyboard(post.reply_markup);
    if (same) return error(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    Object.assign(post, next, { reply_markup: markup, edits: post.edits + 1 });
    return result(post);
  }
}
