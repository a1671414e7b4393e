import { sql, type Kysely } from 'kysely';
import { deskQueryGroups } from '../search/deskTerms.js';
import type { ArticleKind, ArticleStatus, DB, Person, Section } from '../db/schema.js';
import { articlePath, pathOf } from '../content/paths.js';
import { listSections } from '../content/taxonomy.js';
import { articleScope, can, ensure, mayEdit, mayPublish, type Actor } from '../content/policies.js';
import { currentSnapshot, diffSnapshots, listRevisions, revisionSnapshot, type ArticleSnapshot, type FieldChange, type RevisionInfo } from './revisions.js';
import { ownershipOf } from './articleInput.js';
import { editorSnapshot } from './pendingChanges.js';
import { bylinePeople } from './people.js';
import { editLockHolder, holdEditLock } from './editLocks.js';
import { openNotes, type SentBackNote } from './notes.js';
import { previewToken } from './preview.js';
import { pinnedArticleIds } from '../content/home.js';
import { getSettings, type BreakingBanner } from '../content/settings.js';
import type { PublishProblem } from '../i18n/workflow.js';

/**
 * What the newsroom's pages read. Every query about stories takes the person asking and
 * shows only what the policies let them see (`articleScope`, `can`); refusals are NotAllowedError.
 */

/** One line of a newsroom list. */
export interface NewsroomArticleRow {
  id: number;
  headline: string;
  status: ArticleStatus;
  kind: ArticleKind;
  /** Null for a static page. */
  sectionName: string | null;
  authorNames: string[];
  editingBy: string | null;
  /** Why the scheduler could not publish it when due. */
  scheduleError: PublishProblem[] | null;
  scheduledFor: Date | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface NewsroomFilter {
  status?: ArticleStatus;
  /** Stories or static pages only. */
  kind?: ArticleKind;
  sectionId?: number;
  personId?: number;
  /** Words in the headline or dek, as the site's search reads them (stems, Latin, sounds). */
  q?: string;
  /** Last changed on or after / before this instant. */
  changedFrom?: Date;
  changedBefore?: Date;
  /** Only these stories (a bulk action's confirmation). */
  ids?: readonly number[];
  limit?: number;
  offset?: number;
}

/**
 * Stories a person wrote or is bylined on, as one list of ids: two index lookups, where an OR
 * of the two conditions would read the whole table.
 */
const storiesOf = (db: Kysely<DB>, personId: number) =>
  db
    .selectFrom('article_authors')
    .select('article_id')
    .where('person_id', '=', personId)
    .union(db.selectFrom('articles').select('id as article_id').where('created_by', '=', personId));

/**
 * How a search's words are matched. `probe`: each story met while walking the list's order is
 * looked up in the words' index (a page stops after its rows, so most hits are never read).
 * `hits`: each word's hits are read once into a list and stories are tested against it (a
 * count meets every story that passes the other filters anyway).
 */
type WordMatch = 'probe' | 'hits';

/** The stories this person may see that pass the filter (no order, no columns yet). */
function filteredArticles(db: Kysely<DB>, actor: Actor, f: NewsroomFilter, words: WordMatch = 'probe') {
  let q = db.selectFrom('articles');
  const scope = articleScope(actor);
  if (!scope.all) {
    const { personId, othersIn } = scope;
    q = q.where((eb) =>
      eb.or([eb('articles.id', 'in', storiesOf(db, personId)), ...(othersIn.length > 0 ? [eb('articles.status', 'in', [...othersIn])] : [])]),
    );
  }
  if (f.ids) q = q.where('articles.id', 'in', f.ids.length > 0 ? [...f.ids] : [0]);
  if (f.status) q = q.where('articles.status', '=', f.status);
  if (f.kind) q = q.where('articles.kind', '=', f.kind);
  if (f.sectionId !== undefined) q = q.where('articles.section_id', '=', f.sectionId);
  if (f.personId !== undefined) {
    q = q.where('articles.id', 'in', storiesOf(db, f.personId));
  }
  if (f.changedFrom) q = q.where('articles.updated_at', '>=', f.changedFrom.toISOString());
  if (f.changedBefore) q = q.where('articles.updated_at', '<', f.changedBefore.toISOString());
  if (f.q) {
    const groups = deskQueryGroups(f.q);
    // Words with nothing searchable in them (punctuation alone) match nothing, not everything.
    if (groups.length === 0) q = q.where(sql<boolean>`1 = 0`);
    // Either way the list's order (updated_at index) is walked, instead of fetching every hit
    // of a common word and sorting them all for one page; `+id` keeps SQLite from driving
    // the query from the hits.
    for (const terms of groups) {
      q =
        words === 'probe'
          ? q.where((eb) => eb.exists(eb.selectFrom('desk_terms').select('desk_terms.article_id').whereRef('desk_terms.article_id', '=', 'articles.id').where('desk_terms.term', 'in', terms)))
          : q.where(sql<number>`+articles.id`, 'in', db.selectFrom('desk_terms').select('article_id').where('term', 'in', terms));
    }
  }
  return q;
}

/**
 * Counting stops here: "more than 10000" is all a person needs of a big list, and counting
 * further costs a scan (PostgreSQL counts every row). A search stops sooner: its matches are
 * tested one by one.
 */
export const COUNT_CAP = 10_000;
export const SEARCH_COUNT_CAP = 1000;

/** How many stories this person may see pass the filter, up to `cap` (then `cap + 1`). */
export async function countNewsroomArticles(db: Kysely<DB>, actor: Actor, f: NewsroomFilter, cap?: number): Promise<number> {
  const matching = filteredArticles(db, actor, f, 'hits').select('articles.id');
  const r = await db
    .selectFrom((cap === undefined ? matching : matching.limit(cap + 1)).as('m'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}


export interface NewsroomArticlePage {
  rows: NewsroomArticleRow[];
  /** Stories that pass the filter, counted up to COUNT_CAP (SEARCH_COUNT_CAP for a search). */
  total: number;
  /** There are more than `total`. */
  totalCapped: boolean;
  /** 1-based; past the last page gives no rows. */
  page: number;
  pages: number;
  perPage: number;
}

/** One page of the article list, with how many pages the filter has. */
export async function newsroomArticlePage(db: Kysely<DB>, actor: Actor, f: NewsroomFilter, page: number, perPage = 50): Promise<NewsroomArticlePage> {
  const cap = f.q ? SEARCH_COUNT_CAP : COUNT_CAP;
  const [rows, counted] = await Promise.all([
    newsroomArticles(db, actor, { ...f, limit: perPage, offset: (page - 1) * perPage }),
    countNewsroomArticles(db, actor, f, cap),
  ]);
  const totalCapped = counted > cap;
  // Past the counted pages (a capped count) the list still goes on while pages are full.
  const total = totalCapped ? cap : counted;
  const pages = Math.max(1, Math.ceil(total / perPage), rows.length === perPage && totalCapped ? page + 1 : page);
  return { rows, total, totalCapped, page, pages, perPage };
}

type PageKey = { id: number; updated_at: string };
const newestFirst = (a: PageKey, b: PageKey) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : b.id - a.id);

/**
 * The ids of one page, from the articles table and its indexes alone: a deep page skips index
 * entries, not joined rows. By byline, the newest of the person's bylines (their own index
 * range, in order) and the newest stories they created are read separately, as many as the
 * page reaches each, and merged: the page is among them.
 */
async function pageIdsOf(db: Kysely<DB>, actor: Actor, f: NewsroomFilter): Promise<number[]> {
  const limit = f.limit ?? 100;
  const offset = f.offset ?? 0;
  if (f.personId === undefined) {
    const rows = await filteredArticles(db, actor, f).select('articles.id').orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc').limit(limit).offset(offset).execute();
    return rows.map((r) => r.id);
  }
  const { personId, ...others } = f;
  const reach = limit + offset;
  const [bylined, created] = await Promise.all([
    filteredArticles(db, actor, others)
      .innerJoin('article_authors as byline', 'byline.article_id', 'articles.id')
      .where('byline.person_id', '=', personId)
      .$if(f.status !== undefined, (q) => q.where('byline.status', '=', f.status!))
      .select(['articles.id', 'articles.updated_at'])
      .orderBy('byline.updated_at', 'desc')
      .orderBy('byline.article_id', 'desc')
      .limit(reach)
      .execute(),
    filteredArticles(db, actor, others)
      .where('articles.created_by', '=', personId)
      .select(['articles.id', 'articles.updated_at'])
      .orderBy('articles.updated_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(reach)
      .execute(),
  ]);
  const merged = new Map<number, PageKey>();
  for (const r of [...bylined, ...created]) merged.set(r.id, r);
  return [...merged.values()].sort(newestFirst).slice(offset, offset + limit).map((r) => r.id);
}

/** The stories this person may see, newest change first, filtered. */
export async function newsroomArticles(db: Kysely<DB>, actor: Actor, f: NewsroomFilter): Promise<NewsroomArticleRow[]> {
  const pageIds = await pageIdsOf(db, actor, f);
  if (pageIds.length === 0) return [];
  const found = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('people as editor', 'editor.id', 'articles.editing_by')
    .select([
      'articles.id',
      'articles.headline',
      'articles.status',
      'articles.kind',
      'sections.name as section_name',
      'editor.name as editing_by',
      'articles.schedule_error',
      'articles.scheduled_for',
      'articles.embargo_until',
      'articles.published_at',
      'articles.updated_at',
    ])
    .where('articles.id', 'in', pageIds)
    .execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = pageIds.flatMap((id) => byId.get(id) ?? []);
  const ids = rows.map((r) => r.id);
  const bylines = ids.length
    ? await db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select(['article_authors.article_id', 'people.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    kind: r.kind,
    sectionName: r.section_name,
    authorNames: bylines.filter((b) => b.article_id === r.id).map((b) => b.name),
    editingBy: r.editing_by,
    scheduleError: scheduleProblems(r.schedule_error),
    scheduledFor: r.scheduled_for ? new Date(r.scheduled_for) : r.embargo_until ? new Date(r.embargo_until) : null,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    updatedAt: new Date(r.updated_at),
  }));
}

/** The scheduler stores its reasons as JSON problem codes; an older plain-text reason is dropped. */
function scheduleProblems(raw: string | null): PublishProblem[] | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as PublishProblem[]) : null;
  } catch {
    return null;
  }
}

export interface DashboardData {
  awaitingReview: NewsroomArticleRow[];
  scheduled: NewsroomArticleRow[];
  /** Due but not out: the scheduler could not publish them (reason shown), or has not run. */
  overdue: NewsroomArticleRow[];
  recentlyPublished: NewsroomArticleRow[];
  /** The person's own drafts that nobody sent back. */
  myDrafts: NewsroomArticleRow[];
  /** The person's drafts an editor sent back, each with the note. */
  sentBack: (NewsroomArticleRow & { note: SentBackNote })[];
}

export async function dashboard(db: Kysely<DB>, actor: Actor, now = new Date()): Promise<DashboardData> {
  const [awaitingReview, scheduled, embargoed, published, drafts] = await Promise.all([
    newsroomArticles(db, actor, { status: 'submitted', limit: 50 }),
    newsroomArticles(db, actor, { status: 'scheduled', limit: 100 }),
    newsroomArticles(db, actor, { status: 'embargoed', limit: 100 }),
    newsroomArticles(db, actor, { status: 'published', limit: 15 }),
    newsroomArticles(db, actor, { status: 'draft', personId: actor.id, limit: 50 }),
  ]);
  const notes = await openNotes(db, drafts.map((d) => d.id));
  const noteOf = (id: number) => notes.find((n) => n.articleId === id);
  const upcoming = [...scheduled, ...embargoed].sort((a, b) => (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0));
  // A minute's grace: the scheduler runs every few seconds.
  const isOverdue = (r: NewsroomArticleRow) => r.scheduleError !== null || (r.scheduledFor !== null && r.scheduledFor.getTime() < now.getTime() - 60_000);
  return {
    awaitingReview,
    scheduled: upcoming.filter((r) => !isOverdue(r)),
    overdue: upcoming.filter(isOverdue),
    recentlyPublished: published.sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)),
    myDrafts: drafts.filter((d) => !noteOf(d.id)),
    sentBack: drafts.flatMap((d) => {
      const note = noteOf(d.id);
      return note ? [{ ...d, note }] : [];
    }),
  };
}

/** Someone a story can be bylined to: everyone, with or without a newsroom login. */
export type BylineChoice = Pick<Person, 'id' | 'name'>;

export function bylineChoices(db: Kysely<DB>): Promise<BylineChoice[]> {
  return bylinePeople(db);
}

/**
 * People the byline filter offers: those with a byline or a story of their own (anyone else
 * would list nothing), and the one already chosen. An imported archive has thousands of
 * byline people without a story here; listing them all made every list page heavy.
 */
function filterPeople(db: Kysely<DB>, chosen?: number): Promise<BylineChoice[]> {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.name'])
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.person_id', '=', 'people.id')),
        eb.exists(eb.selectFrom('articles').select('articles.id').whereRef('articles.created_by', '=', 'people.id')),
        ...(chosen !== undefined ? [eb('people.id', '=', chosen)] : []),
      ]),
    )
    .orderBy('people.name')
    .execute();
}

/** What the article list's filters offer (`chosenPersonId`: the byline filter's current choice). */
export async function articleListChoices(db: Kysely<DB>, chosenPersonId?: number): Promise<{ sections: Section[]; people: BylineChoice[] }> {
  const [sections, people] = await Promise.all([listSections(db), filterPeople(db, chosenPersonId)]);
  return { sections, people };
}

/** The editor's view of a story: the saved fields plus its state in the workflow. */
export interface EditorArticle extends Omit<ArticleSnapshot, 'tagIds' | 'language' | 'sectionId'> {
  /** Absent for a story not saved yet. */
  id?: number;
  version: number;
  status: ArticleStatus;
  sectionId: number | null;
  /** A story, or a static page (no section, tags or breaking flag). */
  kind: ArticleKind;
  tagNames: string[];
  scheduledFor: Date | null;
  embargoUntil: Date | null;
  /** Where the story is public, when it is. */
  publicPath: string | null;
  /** A live story whose shown text is an edit readers do not see yet. */
  pending: boolean;
}

/** What the person at the editor may do with the story in front of them. */
export interface EditorRights {
  edit: boolean;
  publish: boolean;
  unpublish: boolean;
  viewRevisions: boolean;
  /** Send a story in review back to its writer with a note. */
  sendBack: boolean;
}

export interface EditorView {
  article: EditorArticle;
  rights: EditorRights;
  /** Someone else holding the story's edit lock. */
  holder?: string;
  /** The editor's note when the story was sent back to its writer (until it is submitted again). */
  note?: SentBackNote;
  /** The signed preview link (no login needed) of what the editor shows. */
  previewPath?: string;
  /** The featured image's stored path, for the social card. */
  cardImagePath?: string;
  sections: Section[];
  people: BylineChoice[];
}

/** The blank editor for a new story (or static page), bylined to the person writing it. */
export async function newEditor(db: Kysely<DB>, actor: Actor, kind: ArticleKind = 'story'): Promise<EditorView> {
  if (kind === 'page') ensure(can(actor, 'pages.manage'), 'pages.manage');
  else ensure(can(actor, 'article.create'), 'article.create');
  const [sections, people] = await Promise.all([listSections(db), bylineChoices(db)]);
  return {
    article: {
      version: 0,
      status: 'draft',
      headline: '',
      dek: '',
      bodyHtml: '',
      slug: '',
      sectionId: kind === 'page' ? null : (sections[0]?.id ?? null),
      kind,
      authorIds: [actor.id],
      tagNames: [],
      featuredMediaId: null,
      featuredCaption: '',
      featuredAlt: '',
      seoTitle: '',
      seoDescription: '',
      isBreaking: false,
      updateNote: '',
      scheduledFor: null,
      embargoUntil: null,
      publicPath: null,
      pending: false,
    },
    rights: { edit: true, publish: can(actor, 'article.publishOwn'), unpublish: can(actor, 'article.unpublish'), viewRevisions: false, sendBack: false },
    sections,
    people,
  };
}

async function editorArticle(db: Kysely<DB>, id: number): Promise<EditorArticle> {
  const a = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const { snapshot: snap, pending } = await editorSnapshot(db, id);
  const tagNames = snap.tagIds.length ? (await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', snap.tagIds).execute()).map((t) => t.name) : [];
  const section = a.section_id === null ? undefined : await db.selectFrom('sections').select('slug').where('id', '=', a.section_id).executeTakeFirst();
  const { tagIds: _tags, language: _language, ...fields } = snap;
  return {
    ...fields,
    id,
    version: a.version,
    status: a.status,
    tagNames,
    scheduledFor: a.scheduled_for ? new Date(a.scheduled_for) : null,
    embargoUntil: a.embargo_until ? new Date(a.embargo_until) : null,
    kind: a.kind,
    publicPath: a.status !== 'published' ? null : a.kind === 'page' ? pathOf(null, a.slug) : section ? articlePath(section.slug, a.slug) : null,
    pending,
  };
}

/**
 * Opens a story in the editor for this person: refused unless they may see it; read-only
 * unless they may edit it. Someone who may edit takes (or refreshes) the edit lock; someone
 * who only reads is told who holds it, and takes nothing.
 */
export async function openEditor(db: Kysely<DB>, actor: Actor, id: number, now = new Date()): Promise<EditorView> {
  const own = await ownershipOf(db, id);
  ensure(can(actor, 'article.view', own), 'article.view');
  const rights: EditorRights = {
    edit: mayEdit(actor, own),
    publish: mayPublish(actor, own),
    unpublish: can(actor, 'article.unpublish', own),
    viewRevisions: can(actor, 'article.viewRevisions', own),
    sendBack: can(actor, 'article.sendBack', own),
  };
  const holder = rights.edit ? await holdEditLock(db, actor, id, now) : await editLockHolder(db, id, now);
  const [article, sections, people, [note], token] = await Promise.all([editorArticle(db, id), listSections(db), bylineChoices(db), openNotes(db, [id]), previewToken(db, id, now)]);
  const image = article.featuredMediaId === null ? undefined : await db.selectFrom('media').select('path').where('id', '=', article.featuredMediaId).executeTakeFirst();
  return {
    article,
    rights,
    ...(holder && { holder: holder.name }),
    ...(note && { note }),
    previewPath: `/preview/${token}`,
    ...(image && { cardImagePath: image.path }),
    sections,
    people,
  };
}

export interface RevisionHistory {
  articleId: number;
  headline: string;
  currentVersion: number;
  revisions: RevisionInfo[];
  /** Whether this person may put an old version back (a restore is a save). */
  mayRestore: boolean;
  /** The two versions asked for, compared field by field (absent when either does not exist). */
  diff?: { from: number; to: number; changes: FieldChange[] };
}

/** A story's saved versions, and two of them compared: for those who may read its history. */
export async function revisionHistory(db: Kysely<DB>, actor: Actor, id: number, compare?: { from: number; to: number }): Promise<RevisionHistory> {
  const own = await ownershipOf(db, id);
  ensure(can(actor, 'article.viewRevisions', own), 'article.viewRevisions');
  const a = await db.selectFrom('articles').select(['headline', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const revisions = await listRevisions(db, id);
  let diff: RevisionHistory['diff'];
  if (compare) {
    const [from, to] = await Promise.all([revisionSnapshot(db, id, compare.from), revisionSnapshot(db, id, compare.to)]);
    if (from && to) diff = { ...compare, changes: diffSnapshots(from, to) };
  }
  return { articleId: id, headline: a.headline, currentVersion: a.version, revisions, mayRestore: mayEdit(actor, own), ...(diff && { diff }) };
}

/** Every tag, for suggesting tags while a story is written. */
export function tagVocabulary(db: Kysely<DB>): Promise<{ id: number; slug: string; name: string }[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).execute();
}

export interface HomeCurationState {
  /** Pinned stories' ids, in order. */
  pins: number[];
  /** The pinned stories, in the same order, with their titles and states (a pin whose story is gone is left out). */
  pinned: NewsroomArticleRow[];
  /** Published stories matching the search, to pin. */
  found: NewsroomArticleRow[];
  sections: Section[];
  banner: BreakingBanner | null;
  /** The story just taken off the list, when asked for (to name it in the page's notice). */
  removed?: NewsroomArticleRow;
}

/** What the home page curation page starts from; `q` searches published stories to pin (Gujarati or Latin, as the story list does). */
export async function homeCurationState(db: Kysely<DB>, actor: Actor, q?: string, pinsShown?: number[], removedId?: number): Promise<HomeCurationState> {
  ensure(can(actor, 'home.curate'), 'home.curate');
  const [stored, sections, settings] = await Promise.all([pinnedArticleIds(db), listSections(db), getSettings(db)]);
  const pins = pinsShown ?? stored;
  const [pinnedPage, foundPage, removed] = await Promise.all([
    pins.length > 0 ? newsroomArticlePage(db, actor, { ids: pins }, 1, pins.length) : undefined,
    q ? newsroomArticlePage(db, actor, { q, status: 'published', kind: 'story' }, 1, 10) : undefined,
    removedId !== undefined ? newsroomArticles(db, actor, { ids: [removedId], limit: 1 }) : undefined,
  ]);
  const byId = new Map((pinnedPage?.rows ?? []).map((r) => [r.id, r]));
  return {
    pins,
    pinned: pins.flatMap((id) => byId.get(id) ?? []),
    found: (foundPage?.rows ?? []).filter((r) => !pins.includes(r.id)),
    sections,
    banner: settings.breakingBanner,
    ...(removed?.[0] && { removed: removed[0] }),
  };
}

/** The story whose featured image the media library is choosing (its "choose for story N" mode, which needs no script). */
export interface FeaturedChoice {
  articleId: number;
  headline: string;
  /** The version a choice is saved on top of (a save in between is a conflict, as in the editor). */
  version: number;
  /** As the editor shows it: a live story's pending change when it has one. */
  featuredMediaId: number | null;
  /** A live story: the choice becomes part of its unpublished changes. */
  live: boolean;
}

export async function featuredChoice(db: Kysely<DB>, actor: Actor, id: number): Promise<FeaturedChoice> {
  const own = await ownershipOf(db, id);
  ensure(mayEdit(actor, own), 'article.editOwn');
  const { snapshot } = await editorSnapshot(db, id);
  return { articleId: id, headline: snapshot.headline, version: own.version, featuredMediaId: snapshot.featuredMediaId, live: own.status === 'published' };
}

/** What a story's share card shows, as last saved, for the editor's look at it; undefined for a page (pages have no card). */
export async function shareCardSource(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<{ id: number; headline: string; image: { path: string } | null; sectionSlug: string; sectionName: string } | undefined> {
  ensure(can(actor, 'article.view', await ownershipOf(db, id)), 'article.view');
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .select(['articles.id', 'articles.headline', 'articles.kind', 'sections.slug as section_slug', 'sections.name as section_name', 'media.path as image_path'])
    .where('articles.id', '=', id)
    .executeTakeFirst();
  if (!row || row.kind !== 'story') return undefined;
  return { id: row.id, headline: row.headline, image: row.image_path === null ? null : { path: row.image_path }, sectionSlug: row.section_slug, sectionName: row.section_name };
}
