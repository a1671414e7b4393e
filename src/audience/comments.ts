import type { Kysely, Transaction } from 'kysely';
import type { CommentStatus, DB } from '../db/schema.js';
import { changeTransaction, type ChangeFeed } from '../content/changes.js';
import { visibleNow } from '../content/visibility.js';
import { cookieOpens } from '../content/protection.js';
import { getCommentSettings, type CommentSettings } from './commentSettings.js';
import { getSettings } from '../content/settings.js';
import { cleanCommentText, cleanName, countLinks } from './commentText.js';
import type { CommentProblem } from '../i18n/audience.js';
import { recountComments } from './counters.js';
import { can, ensure, type Actor } from '../content/policies.js';

export const limits = { name: 80, email: 254, text: 5000 } as const;

/** How deep threads go, as WordPress's default `thread_comments_depth`: a comment and four levels of replies. */
export const threadDepth = 5;

/** How deep a comment sits (1 for a top-level one), following its parents; 0 when it is not there. */
async function depthOf(db: Kysely<DB> | Transaction<DB>, commentId: number): Promise<number> {
  let depth = 0;
  let id: number | null = commentId;
  // A parent chain longer than any thread can be (an import's loop) counts as too deep.
  while (id !== null && depth <= threadDepth) {
    const row: { parent_id: number | null } | undefined = await db.selectFrom('comments').select('parent_id').where('id', '=', id).executeTakeFirst();
    if (!row) break;
    depth++;
    id = row.parent_id;
  }
  return depth;
}

/**
 * Longest raw input (UTF-16 units) looked at for a limit of `max` characters: room for every
 * character being astral (two units) and for what cleaning removes (CR of CRLF, controls).
 */
const rawLimit = (max: number) => max * 4;

/** What a reader sent, as typed. */
export interface CommentInput {
  articleId: number;
  /** The comment this replies to: approved, on the same story, less than `threadDepth` deep. */
  parentId?: number | undefined;
  name: string;
  email?: string | undefined;
  text: string;
  /** The hidden field people never see; bots fill it. */
  honeypot?: string | undefined;
  /** The reader's story-password cookie: a protected story takes comments only from readers who opened it. */
  storyPass?: string | undefined;
}


export interface CleanComment {
  name: string;
  email: string | null;
  text: string;
}

const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,60}$/u;

/**
 * The checks that need no database: cleans the input and lists every problem found (all of
 * them, so the reader can fix everything at once).
 */
export function checkComment(input: CommentInput, rules: Pick<CommentSettings, 'blocklist' | 'maxLinks'>): { clean: CleanComment; problems: CommentProblem[] } {
  const problems: CommentProblem[] = [];
  if (input.honeypot && input.honeypot.trim() !== '') problems.push({ code: 'honeypot' });
  // What is far too long is refused before any cleaning, so no text function ever sees it.
  const nameFits = input.name.length <= rawLimit(limits.name);
  const textFits = input.text.length <= rawLimit(limits.text);
  const emailFits = (input.email ?? '').length <= rawLimit(limits.email);
  const name = nameFits ? cleanName(input.name) : '';
  const text = textFits ? cleanCommentText(input.text) : '';
  const email = emailFits ? (input.email ?? '').trim() : '';
  if (!nameFits) problems.push({ code: 'nameTooLong', max: limits.name });
  else if (name === '') problems.push({ code: 'nameMissing' });
  else if ([...name].length > limits.name) problems.push({ code: 'nameTooLong', max: limits.name });
  if (!emailFits || (email !== '' && (email.length > limits.email || !emailPattern.test(email)))) problems.push({ code: 'emailInvalid' });
  if (!textFits) problems.push({ code: 'textTooLong', max: limits.text });
  else if (text === '') problems.push({ code: 'textMissing' });
  else if ([...text].length > limits.text) problems.push({ code: 'textTooLong', max: limits.text });
  const links = countLinks(text) + countLinks(name);
  if (links > rules.maxLinks) problems.push({ code: 'tooManyLinks', max: rules.maxLinks, found: links });
  const haystack = `${name}\n${email}\n${text}`.toLowerCase();
  const word = rules.blocklist.find((w) => w !== '' && haystack.includes(w.toLowerCase()));
  if (word !== undefined) problems.push({ code: 'blocked', word });
  return { clean: { name, email: email === '' ? null : email, text }, problems };
}

export type SubmitResult =
  | { ok: true; id: number; status: CommentStatus }
  | { ok: false; problems: CommentProblem[] };

export interface CommentDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
}

/**
 * A reader's comment: checked, then stored as pending (or approved when the site auto-approves
 * comments that pass). An approved comment changes the article page: `comments.changed`.
 */
export async function submitComment(deps: CommentDeps, input: CommentInput, now = new Date()): Promise<SubmitResult> {
  const { db } = deps;
  const settings = await getCommentSettings(db);
  // The site settings' comment policy: closed means no new comment, whatever it says.
  if ((await getSettings(db)).commentPolicy === 'closed') return { ok: false, problems: [{ code: 'closed' }] };
  const { clean, problems } = checkComment(input, settings);
  const article = await db.selectFrom('articles').select(['id', 'comments_open', 'password']).where('id', '=', input.articleId).where(visibleNow(now)).executeTakeFirst();
  if (!article) return { ok: false, problems: [{ code: 'articleMissing' }] };
  if (article.comments_open === 0) return { ok: false, problems: [{ code: 'closedHere' }] };
  // As WordPress: the form is shown only behind the password, and a hand-made post needs it too.
  if (article.password !== '' && !(input.storyPass !== undefined && (await cookieOpens(db, article.id, input.storyPass)))) {
    return { ok: false, problems: [{ code: 'storyLocked' }] };
  }
  if (input.parentId !== undefined) {
    const parent = await db
      .selectFrom('comments')
      .select('id')
      .where('id', '=', input.parentId)
      .where('article_id', '=', input.articleId)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (!parent) problems.push({ code: 'replyInvalid' });
    else if ((await depthOf(db, parent.id)) >= threadDepth) problems.push({ code: 'threadTooDeep', max: threadDepth });
  }
  if (clean.text !== '') {
    // The same text on the same story within a day: a double submit or a spam run.
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const dup = await db
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', input.articleId)
      .where('body', '=', clean.text)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    if (dup) problems.push({ code: 'duplicate' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const status: CommentStatus = settings.autoApprove ? 'approved' : 'pending';
  const id = await changeTransaction(db, deps.feed, async ({ trx, record }) => {
    const row = await trx
      .insertInto('comments')
      .values({
        article_id: input.articleId,
        parent_id: input.parentId ?? null,
        author_name: clean.name,
        author_email: clean.email,
        body: clean.text,
        status,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status === 'approved') {
      await recountComments(trx, [input.articleId]);
      record({ type: 'comments.changed', articleId: input.articleId, pages: [`article:${input.articleId}`] });
    }
    return row.id;
  }, now);
  return { ok: true, id, status };
}

export const moderationActions = ['approve', 'reject', 'spam', 'delete'] as const;
export type ModerationAction = (typeof moderationActions)[number];

export interface ModerateCommentsProps {
  /** A moderator (editors and admins). */
  actor: Actor;
  /** The comments to act on; unknown ids are skipped. */
  ids: number[];
  action: ModerationAction;
}

const statusFor: Record<Exclude<ModerationAction, 'delete'>, CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };

/**
 * Approves, rejects, marks as spam or deletes comments (deleting a comment deletes its
 * replies). Counts are recounted for every article touched, and those articles' pages dropped.
 */
export async function moderateComments(deps: CommentDeps, { actor, ids, action }: ModerateCommentsProps): Promise<{ changed: number; articleIds: number[] }> {
  ensure(can(actor, 'comments.moderate'), 'comments.moderate');
  if (ids.length === 0) return { changed: 0, articleIds: [] };
  return changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const rows = await trx.selectFrom('comments').select(['id', 'article_id']).where('id', 'in', ids).execute();
    if (rows.length === 0) return { changed: 0, articleIds: [] };
    const found = rows.map((r) => r.id);
    if (action === 'delete') await trx.deleteFrom('comments').where('id', 'in', found).execute();
    else await trx.updateTable('comments').set({ status: statusFor[action] }).where('id', 'in', found).execute();
    const articleIds = [...new Set(rows.map((r) => r.article_id))].sort((a, b) => a - b);
    await recountComments(trx, articleIds);
    for (const articleId of articleIds) record({ type: 'comments.changed', articleId, pages: [`article:${articleId}`] });
    return { changed: found.length, articleIds };
  });
}

export interface ReplyAsSiteProps {
  /** A moderator. */
  actor: Actor;
  /** The comment answered; at the deepest level the reply goes beside it, under its parent. */
  commentId: number;
  text: string;
  /** Shown as the reply's author: the site's name. */
  siteName: string;
}

export type ReplyAsSiteResult = { ok: true; id: number; articleId: number } | { ok: false; problem: 'missing' | 'empty' | 'tooLong' };

/**
 * The newsroom answers a reader: an approved comment marked as the site's reply, under the
 * comment's thread. Answering a comment that is not approved yet approves it too: a reply under
 * a hidden comment would be hidden as well.
 */
export async function replyAsSite(deps: CommentDeps, { actor, commentId, text, siteName }: ReplyAsSiteProps, now = new Date()): Promise<ReplyAsSiteResult> {
  ensure(can(actor, 'comments.moderate'), 'comments.moderate');
  if (text.length > rawLimit(limits.text)) return { ok: false, problem: 'tooLong' };
  const body = cleanCommentText(text);
  if (body === '') return { ok: false, problem: 'empty' };
  if ([...body].length > limits.text) return { ok: false, problem: 'tooLong' };
  const target = await deps.db.selectFrom('comments').select(['id', 'article_id', 'parent_id', 'status']).where('id', '=', commentId).executeTakeFirst();
  if (!target) return { ok: false, problem: 'missing' };
  const threadId = target.parent_id !== null && (await depthOf(deps.db, target.id)) >= threadDepth ? target.parent_id : target.id;
  return changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    await trx.updateTable('comments').set({ status: 'approved' }).where('id', 'in', [threadId, target.id]).execute();
    const row = await trx
      .insertInto('comments')
      .values({ article_id: target.article_id, parent_id: threadId, author_name: siteName, author_email: null, body, status: 'approved', created_at: now.toISOString(), site_reply: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recountComments(trx, [target.article_id]);
    record({ type: 'comments.changed', articleId: target.article_id, pages: [`article:${target.article_id}`] });
    return { ok: true as const, id: row.id, articleId: target.article_id };
  }, now);
}

/** A comment as readers see it: no email, no status. */
export interface PublicComment {
  id: number;
  name: string;
  text: string;
  /** Sanitized markup of an imported comment (links marked `nofollow ugc`); null: show `text`. */
  html: string | null;
  createdAt: Date;
  /** Written by the newsroom: shown as the site's reply. */
  siteReply: boolean;
}

export interface CommentThread {
  comment: PublicComment;
  /** 1 for a top-level comment; replies are one deeper, up to `threadDepth`. */
  depth: number;
  replies: CommentThread[];
}

type CommentRow = { id: number; author_name: string; body: string; body_html: string | null; created_at: string; site_reply: number };
const toPublic = (r: CommentRow): PublicComment => ({ id: r.id, name: r.author_name, text: r.body, html: r.body_html, createdAt: new Date(r.created_at), siteReply: r.site_reply === 1 });

/**
 * Approved comments of a story, oldest first, each reply under the comment it answers, to
 * `threadDepth` levels (a deeper reply, from an import, is shown at the deepest level under its
 * nearest shown ancestor). A reply whose comment is not shown (rejected, not approved yet) is
 * not shown either.
 */
export async function approvedThreads(db: Kysely<DB>, articleId: number, limit = 500): Promise<CommentThread[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'author_name', 'body', 'body_html', 'created_at', 'site_reply'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit * 4)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nodes = new Map<number, CommentThread>();
  const top: CommentThread[] = [];
  /** The node a comment hangs under, made first if needed; undefined when its chain is broken. */
  const place = (r: (typeof rows)[number], seen: Set<number>): CommentThread | undefined => {
    const known = nodes.get(r.id);
    if (known) return known;
    if (seen.has(r.id)) return undefined;
    seen.add(r.id);
    if (r.parent_id === null) {
      if (top.length >= limit) return undefined;
      const node = { comment: toPublic(r), depth: 1, replies: [] };
      top.push(node);
      nodes.set(r.id, node);
      return node;
    }
    const parentRow = byId.get(r.parent_id);
    let parent = parentRow && place(parentRow, seen);
    if (!parent) return undefined;
    if (parent.depth >= threadDepth) parent = deepestHolder(nodes, byId, parentRow!);
    const node = { comment: toPublic(r), depth: parent.depth + 1, replies: [] };
    parent.replies.push(node);
    nodes.set(r.id, node);
    return node;
  };
  for (const r of rows) place(r, new Set());
  return top;
}

/** The node one level above the deepest, along this comment's ancestors: where an over-deep reply goes. */
function deepestHolder(nodes: Map<number, CommentThread>, byId: Map<number, { parent_id: number | null }>, row: { id: number; parent_id: number | null }): CommentThread {
  let current = row;
  for (;;) {
    const node = nodes.get(current.id)!;
    if (node.depth < threadDepth) return node;
    current = { id: current.parent_id!, parent_id: byId.get(current.parent_id!)?.parent_id ?? null };
  }
}

/** One approved comment a reader may answer (less than `threadDepth` deep, on a story open to comments), for the reply page. */
export async function replyTarget(db: Kysely<DB>, commentId: number): Promise<{ articleId: number; comment: PublicComment } | undefined> {
  const r = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select(['comments.id', 'comments.article_id', 'comments.author_name', 'comments.body', 'comments.body_html', 'comments.created_at', 'comments.site_reply'])
    .where('comments.id', '=', commentId)
    .where('comments.status', '=', 'approved')
    .where('articles.comments_open', '=', 1)
    .where('articles.password', '=', '')
    .where(visibleNow())
    .executeTakeFirst();
  if (!r || (await depthOf(db, r.id)) >= threadDepth) return undefined;
  return { articleId: r.article_id, comment: toPublic(r) };
}

export interface QueueRow {
  id: number;
  articleId: number;
  headline: string;
  parentId: number | null;
  name: string;
  email: string | null;
  text: string;
  status: CommentStatus;
  createdAt: Date;
  siteReply: boolean;
}

/** The moderation queue: comments in one status, newest first, with how many each status has. */
export async function moderationQueue(
  db: Kysely<DB>,
  /** `ids`: just these comments, whatever their state (a confirmation page). */
  o: { status: CommentStatus; limit?: number; offset?: number } | { ids: number[] },
): Promise<{ rows: QueueRow[]; counts: Record<CommentStatus, number> }> {
  // The page's ids first, from the (status, created_at, id) index alone: a deep page skips
  // index entries, not joined rows.
  const pageIds =
    'ids' in o
      ? o.ids
      : (
          await db
            .selectFrom('comments')
            .select('id')
            .where('status', '=', o.status)
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(o.limit ?? 100)
            .offset(o.offset ?? 0)
            .execute()
        ).map((r) => r.id);
  const rows = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select([
      'comments.id',
      'comments.article_id',
      'articles.headline',
      'comments.parent_id',
      'comments.author_name',
      'comments.author_email',
      'comments.body',
      'comments.status',
      'comments.created_at',
      'comments.site_reply',
    ])
    .where('comments.id', 'in', pageIds.length > 0 ? pageIds : [0])
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .execute();
  const grouped = await db.selectFrom('comments').select(['status', (e) => e.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, rejected: 0, spam: 0 };
  for (const g of grouped) counts[g.status] = Number(g.n);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      headline: r.headline,
      parentId: r.parent_id,
      name: r.author_name,
      email: r.author_email,
      text: r.body,
      status: r.status,
      createdAt: new Date(r.created_at),
      siteReply: r.site_reply === 1,
    })),
    counts,
  };
}
