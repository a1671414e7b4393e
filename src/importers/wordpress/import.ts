import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, normalize as normalizePath } from 'node:path';
import type { ControlledTransaction, Insertable, Kysely, Transaction } from 'kysely';
import { postFormats, type ArticleStatus, type CommentStatus, type DB, type PostFormat } from '../../db/schema.js';
import { ImagePipeline } from '../../media/images.js';
import type { MediaStore } from '../../media/store.js';
import { changeTransaction, type ChangeFeed } from '../../content/changes.js';
import { getSettings, writeSettings } from '../../content/settings.js';
import { setCounts } from '../../audience/counters.js';
import { importArticle, indexImportedArticles, type WriteScope } from '../../newsroom/articleWriter.js';
import { plainText, sanitizeBody, sanitizeComment } from '../../content/sanitize.js';
import { autop } from './autop.js';
import { clampSlug, slugify } from '../../gujarati/slugify.js';
import { reservedPageSlugs, reservedSlugs, urls } from '../../content/urls.js';
import { loadLegacyIds, withLegacy, type LegacyDB, type LegacyIdTable, type LegacyKind } from '../../content/legacyIds.js';
import { rememberWpId, type WpIdKind } from '../../content/wpIds.js';

/** Where each WordPress kind is numbered here (see content/wpIds.ts). */
const wpSpace: Record<LegacyKind, WpIdKind> = { post: 'article', page: 'article', attachment: 'media', category: 'section', tag: 'tag', author: 'person', comment: 'comment' };
import { ImportReport } from '../report.js';
import { convertContent, decodeSlug, excerptToDek, type KnownImage } from './content.js';
import { readWxr, type WxrAuthor, type WxrCategory, type WxrItem, type WxrRecord, type WxrTag } from './wxr.js';

export interface WordPressImportDeps {
  db: Kysely<DB>;
  feed: ChangeFeed;
  /** Where attachments and their variants are stored. */
  media: MediaStore;
  /** The process's image pipeline; a default one when absent. */
  images?: ImagePipeline;
}

export interface WordPressImportOptions {
  /** The WXR file. */
  file: string;
  /** WordPress's `wp-content/uploads` folder; attachments are read from it. */
  uploadsDir?: string;
  /** Read, convert and check everything, write nothing. */
  dryRun?: boolean;
  /** Stops between two items; everything before stays imported and a re-run carries on. */
  signal?: AbortSignal;
  /** Called after each record: which pass, how many records done, and the total when known. */
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  /** `catalog`: authors, terms and attachments; `posts`: posts and pages with their comments. */
  phase: 'catalog' | 'posts';
  done: number;
  /** Posts and pages in the file, when known (after a catalog pass); else 0. */
  total: number;
  bytesRead: number;
  /** The file's size: progress by bytes when the post count is not known. */
  bytesTotal: number;
}

/** The run was stopped through its signal; `report` says what was done before. */
export class ImportAborted extends Error {
  constructor(readonly report: ImportReport) {
    super('import stopped before the end; run it again to carry on');
    this.name = 'ImportAborted';
  }
}

type Trx = Transaction<LegacyDB>;

/** WordPress status → ours. Password-protected posts are not public here, so they are held back. */
function mapStatus(item: WxrItem): ArticleStatus | undefined {
  switch (item.status) {
    case 'publish':
      // A story keeps its password (readers type it); pages have no password form.
      return item.postPassword && item.postType === 'page' ? 'unpublished' : 'published';
    case 'future':
      return 'scheduled';
    case 'draft':
      return 'draft';
    case 'pending':
      return 'submitted';
    case 'private':
      return 'unpublished';
    case 'trash':
      return 'archived';
    default:
      return undefined;
  }
}

function mapCommentStatus(approved: string): CommentStatus {
  if (approved === '1' || approved === 'approve') return 'approved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash') return 'rejected';
  return 'pending';
}

/** `2011-07-05 14:30:46` (GMT) → ISO; undefined for WordPress's zero date and for garbage. */
function gmtDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m || m[1] === '0000') return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * WordPress's local `post_date` (site time) → ISO, for posts that have no GMT date (drafts).
 * The file does not say the old site's zone; this site's zone is taken as the same.
 */
function siteDate(value: string, timeZone: string): string | undefined {
  const asUtc = gmtDate(value);
  if (!asUtc) return undefined;
  const t = new Date(asUtc).getTime();
  // The zone's offset at that moment: what the zone's clock shows, read as UTC, minus the instant.
  const shown = (ms: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(ms))
        .map((x) => [x.type, x.value]),
    );
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  };
  const offset = shown(t) - t;
  return new Date(t - offset).toISOString();
}

/** RFC 822 `pubDate`, which WordPress writes from the GMT date. */
function rfcDate(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1971 ? undefined : d.toISOString();
}

/** A path as our request handling sees it: decoded, NFC, no trailing slash. */
export function legacyPath(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url, 'http://legacy.invalid');
  } catch {
    return undefined;
  }
  let path: string;
  try {
    path = decodeURIComponent(u.pathname).normalize('NFC');
  } catch {
    path = u.pathname;
  }
  path = path.replace(/(?<!\/)\/+$/, '') || '/';
  // `/?p=12` style links carry the id in the query; those are answered from the id, not the path.
  if (path === '/' || u.search) return undefined;
  return path;
}

/** WordPress makes author URLs from the login this way (sanitize_title, roughly). */
function authorSlug(login: string): string {
  return (
    decodeSlug(login)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '-')
      .replace(/^-+|(?<!-)-+$/g, '') || slugify(login)
  );
}

/** Gujarati if the text has Gujarati letters, Hindi if Devanagari, else English. */
function detectLanguage(text: string): string {
  if (/[\u0A80-\u0AFF]/.test(text)) return 'gu';
  if (/[\u0900-\u097F]/.test(text)) return 'hi';
  if (/[A-Za-z]/.test(text)) return 'en';
  return 'gu';
}

/** Yoast writes titles with variables (`%%title%% %%sep%% %%sitename%%`). */
function yoastTitle(template: string, title: string, siteName: string): string {
  return template
    .replace(/%%title%%/g, title)
    .replace(/%%sitename%%/g, siteName)
    .replace(/%%sep%%/g, '-')
    .replace(/%%[a-z_]+%%/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s-]+|(?<![\s-])[\s-]+$/g, '');
}

function viewCount(meta: Map<string, string>): number | undefined {
  for (const key of ['post_views_count', 'views', '_post_views_count', 'wpb_post_views_count']) {
    const v = meta.get(key)?.trim();
    if (v && /^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}

const imageExt = /\.(jpe?g|png|gif|webp|avif|tiff?)$/i;
/** `photo-300x200.jpg` and `photo-scaled.jpg` are WordPress's copies of `photo.jpg`. */
const sizeSuffix = /-(?:\d+x\d+|scaled|rotated)(?=\.[a-z0-9]+$)/i;

function urlKey(url: string): string {
  return url.replace(/^https?:\/\//, '').split(/[?#]/, 1)[0]!.replace(sizeSuffix, '');
}

interface ImportedImage extends KnownImage {
  mediaId: number;
}

/** One import run. Two passes over the file, each streamed: the catalog, then the posts. */
class WordPressImport {
  readonly report = new ImportReport();
  private readonly db: Kysely<LegacyDB>;
  /** The open batch. In a dry run, the whole run's transaction, rolled back at the end. */
  private outer: ControlledTransaction<LegacyDB> | undefined;
  private source = 'wordpress';
  private siteName = '';
  private siteTagline = '';
  private timeZone = 'Asia/Kolkata';
  /** Sticky posts' local ids, in file order: they become the home page's pins. */
  private readonly sticky: number[] = [];
  private legacy = new Map<string, number>();
  private readonly sectionBySlug = new Map<string, number>();
  /** Category nicename (decoded) → its path for `/category/a/b` links. */
  private readonly categoryPath = new Map<string, string>();
  private readonly tagBySlug = new Map<string, number>();
  private readonly personByLogin = new Map<string, number>();
  private readonly images = new Map<string, ImportedImage>();
  private readonly imageByUrl = new Map<string, string>();
  private readonly attachmentsByParent = new Map<string, string[]>();
  private readonly skippedTypes = new Map<string, number>();
  private attachmentsWithoutUploads = 0;
  private batchItems = 0;
  /** Stories written in the open batch, indexed for search together just before it commits. */
  private unindexed = new Set<number>();
  /** The open batch's old-id rows by kind and old id (the last write wins), written just before it commits. */
  private unremembered = new Map<string, Insertable<LegacyIdTable>>();
  private batchStarted = 0;
  private sectionPosition = 0;
  private totalPosts = 0;

  private readonly pipeline: ImagePipeline;

  constructor(
    private readonly deps: WordPressImportDeps,
    private readonly options: WordPressImportOptions,
  ) {
    this.db = withLegacy(deps.db);
    this.pipeline = deps.images ?? new ImagePipeline();
    this.report.dryRun = options.dryRun === true;
  }

  /**
   * The article writer's scope over an item's savepoint. Its events are not kept: an import
   * announces one `site.replaced` when it ends instead of an event per story (origin `import`
   * events would be ignored by distribution anyway).
   */
  private scope(trx: Trx): WriteScope {
    return { trx: trx as unknown as Transaction<DB>, origin: 'import', record: () => undefined };
  }

  private get q(): Kysely<LegacyDB> {
    return this.outer ?? this.db;
  }

  /**
   * One item, all or nothing: its rows are written inside a savepoint that is rolled back if
   * anything in the item fails, so no item is ever half-imported. Items are committed in
   * batches (every 500 items or second) because a commit per item costs more than the item
   * itself; a run killed mid-batch loses only uncommitted whole items, which a re-run redoes.
   * In-memory maps change only after the item's savepoint is released (through `after`).
   */
  private async unit(what: string, fn: (trx: Trx, after: (f: () => void) => void) => Promise<void>): Promise<boolean> {
    const pending: (() => void)[] = [];
    const after = (f: () => void) => pending.push(f);
    if (!this.outer) {
      this.outer = await this.db.startTransaction().execute();
      this.batchItems = 0;
      this.batchStarted = Date.now();
    }
    const sp = await this.outer.savepoint('item').execute();
    try {
      await fn(sp, after);
      await sp.releaseSavepoint('item').execute();
    } catch (err) {
      await sp.rollbackToSavepoint('item').execute();
      this.report.warn(what, `not imported: ${(err as Error).message}`);
      return false;
    }
    for (const f of pending) f();
    this.batchItems++;
    if (!this.options.dryRun && (this.batchItems >= 500 || Date.now() - this.batchStarted > 1000)) await this.commitBatch();
    return true;
  }

  /** Makes the items written so far permanent (never in a dry run, which rolls back at the end). */
  private async commitBatch(): Promise<void> {
    if (this.options.dryRun || !this.outer) return;
    const trx = this.outer;
    this.outer = undefined;
    const ids = [...this.unindexed];
    const legacyRows = [...this.unremembered.values()];
    this.unindexed = new Set();
    this.unremembered = new Map();
    try {
      await indexImportedArticles(trx as unknown as Transaction<DB>, ids);
      for (let i = 0; i < legacyRows.length; i += 200) {
        await trx
          .insertInto('legacy_ids')
          .values(legacyRows.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['source', 'kind', 'legacy_id']).doUpdateSet((eb) => ({ local_id: eb.ref('excluded.local_id'), legacy_path: eb.ref('excluded.legacy_path') })))
          .execute();
      }
    } catch (err) {
      await trx.rollback().execute();
      throw err;
    }
    await trx.commit().execute();
  }

  private async remember(trx: Trx, kind: LegacyKind, legacyId: string, localId: number, path: string | null, after: (f: () => void) => void, guid?: string) {
    const key = `${kind}:${legacyId}`;
    // WordPress's own number (not `slug:…`/`login:…` stand-ins) becomes the id clients see.
    if (/^\d{1,9}$/.test(legacyId)) await rememberWpId(trx as unknown as Transaction<DB>, wpSpace[kind], Number(legacyId), localId, guid);
    // Nothing reads these rows during the run (ids come from `this.legacy`), so they are written once per batch.
    const row = { source: this.source, kind, legacy_id: legacyId, local_id: localId, legacy_path: path };
    after(() => {
      this.legacy.set(key, localId);
      if (!this.options.dryRun) this.unremembered.set(key, row);
    });
  }

  private checkAbort(): void {
    if (this.options.signal?.aborted) throw new ImportAborted(this.report);
  }

  async run(): Promise<ImportReport> {
    if (this.options.uploadsDir && !existsSync(this.options.uploadsDir)) {
      throw new Error(`--uploads folder ${this.options.uploadsDir} does not exist`);
    }
    try {
      await this.catalogPass();
      await this.postsPass();
      this.finish();
      await this.commitBatch();
    } catch (err) {
      // Stopped, or the file broke off: every item written so far is whole, so it is kept.
      await this.commitBatch();
      throw err;
    } finally {
      if (this.outer) {
        await this.outer.rollback().execute();
        this.outer = undefined;
      }
    }
    if (!this.options.dryRun) {
      await changeTransaction(this.deps.db, this.deps.feed, async ({ trx, record }) => {
        await this.adoptSite(trx);
        record({ type: 'site.replaced', pages: [] });
      });
    }
    return this.report;
  }

  /**
   * With --uploads, attachments are imported in a first pass so that posts, which usually come
   * before their images in the file, can point at them. Without it no attachment is imported,
   * so one pass does everything and the file is parsed once.
   */
  private get singlePass(): boolean {
    return !this.options.uploadsDir;
  }

  private async catalogPass(): Promise<void> {
    const reader = readWxr(this.options.file);
    const bytesTotal = statSync(this.options.file).size;
    let done = 0;
    let posts = 0;
    let sawChannel = false;
    for await (const record of reader.records) {
      if (!sawChannel) {
        sawChannel = true;
        await this.start(reader.channel.baseSiteUrl || reader.channel.baseBlogUrl || reader.channel.link);
        this.siteName = reader.channel.title;
        this.siteTagline = reader.channel.description;
      }
      this.checkAbort();
      if (this.singlePass && record.kind === 'item' && (record.item.postType === 'post' || record.item.postType === 'page')) {
        await this.importPost(record.item, record.line);
        this.options.onProgress?.({ phase: 'posts', done: ++posts, total: 0, bytesRead: reader.bytesRead(), bytesTotal });
        continue;
      }
      await this.catalogRecord(record);
      this.options.onProgress?.({ phase: 'catalog', done: ++done, total: 0, bytesRead: reader.bytesRead(), bytesTotal });
    }
    if (!sawChannel) await this.start(reader.channel.baseSiteUrl || reader.channel.link);
  }

  private async start(source: string): Promise<void> {
    this.timeZone = (await getSettings(this.deps.db)).timeZone;
    this.source = source.replace(/(?<!\/)\/+$/, '') || 'wordpress';
    this.legacy = await loadLegacyIds(this.q, this.source);
  }

  private async catalogRecord(record: WxrRecord): Promise<void> {
    switch (record.kind) {
      case 'author':
        return this.importAuthor(record.author, record.line);
      case 'category':
        return this.importCategory(record.category, record.line);
      case 'tag':
        return this.importTag(record.tag, record.line);
      case 'item': {
        const type = record.item.postType;
        if (type === 'attachment') return this.importAttachment(record.item, record.line);
        if (type === 'post' || type === 'page') {
          if (mapStatus(record.item) !== undefined) this.totalPosts++;
          return;
        }
        this.skippedTypes.set(type, (this.skippedTypes.get(type) ?? 0) + 1);
        this.report.count(type, 'skipped');
      }
    }
  }

  private async postsPass(): Promise<void> {
    if (this.singlePass) return;
    const reader = readWxr(this.options.file);
    const bytesTotal = statSync(this.options.file).size;
    let done = 0;
    for await (const record of reader.records) {
      if (record.kind !== 'item' || (record.item.postType !== 'post' && record.item.postType !== 'page')) continue;
      this.checkAbort();
      await this.importPost(record.item, record.line);
      this.options.onProgress?.({ phase: 'posts', done: ++done, total: this.totalPosts, bytesRead: reader.bytesRead(), bytesTotal });
    }
  }

  /**
   * The site's title and tagline become ours when this site has none of its own yet (an import
   * into a new site); a site that named itself keeps its name. Sticky posts are pinned to the
   * home page after any pins already there.
   */
  private async adoptSite(trx: Transaction<DB>): Promise<void> {
    const own = new Set((await trx.selectFrom('settings').select('key').where('key', 'in', ['name', 'tagline']).execute()).map((r) => r.key));
    const patch: { name?: string; tagline?: string } = {};
    const name = plainText(this.siteName);
    if (name && !own.has('name')) patch.name = name;
    if (!own.has('tagline') && this.siteTagline) patch.tagline = plainText(this.siteTagline);
    if (Object.keys(patch).length > 0) await writeSettings(trx, patch);
    if (this.sticky.length === 0) return;
    const pinned = await trx.selectFrom('home_pins').select(['article_id', 'position']).execute();
    const have = new Set(pinned.map((p) => p.article_id));
    let position = pinned.reduce((m, p) => Math.max(m, p.position + 1), 0);
    for (const id of new Set(this.sticky)) {
      if (!have.has(id)) await trx.insertInto('home_pins').values({ article_id: id, position: position++ }).execute();
    }
  }

  private finish(): void {
    for (const [type, n] of this.skippedTypes) {
      this.report.warn(`${n} ${type} item${n === 1 ? '' : 's'}`, `skipped: Khabar has no ${type === 'nav_menu_item' ? 'menus to import them into (sections make the menu)' : `"${type}" content type`}`);
    }
    if (this.attachmentsWithoutUploads > 0) {
      this.report.warn(
        `${this.attachmentsWithoutUploads} attachment${this.attachmentsWithoutUploads === 1 ? '' : 's'}`,
        'not imported: no --uploads folder was given (pass WordPress\'s wp-content/uploads to bring the images)',
      );
    }
  }

  // ---- catalog: people, sections, tags, media ----

  private async importAuthor(a: WxrAuthor, line: number): Promise<void> {
    const what = `author "${a.login}" (line ${line})`;
    if (!a.login) {
      this.report.warn(what, 'skipped: no login');
      this.report.count('author', 'skipped');
      return;
    }
    const name = a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login;
    await this.upsertPerson(a.login, name, a.email, a.id || a.login, what);
  }

  private async upsertPerson(login: string, rawName: string, email: string, legacyId: string, what: string): Promise<number | undefined> {
    const slug = authorSlug(login);
    const name = plainText(rawName) || login;
    let id: number | undefined;
    await this.unit(what, async (trx, after) => {
      const known = this.legacy.get(`author:${legacyId}`);
      const bySlug = known ?? (await trx.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
      // The email is for inviting the person later; another person holding it keeps it.
      let mail: string | null = email.trim().toLowerCase() || null;
      if (mail) {
        const holder = await trx.selectFrom('people').select('id').where('email', '=', mail).executeTakeFirst();
        if (holder && holder.id !== bySlug) {
          this.report.warn(what, `email ${mail} already belongs to another person; left empty`);
          mail = null;
        }
      }
      // A post's bare login names someone already here: it must not overwrite their name and email.
      if (bySlug !== undefined && legacyId.startsWith('login:')) {
        id = bySlug;
      } else if (bySlug !== undefined) {
        await trx.updateTable('people').set({ name, email: mail }).where('id', '=', bySlug).execute();
        id = bySlug;
        this.report.count('author', 'updated');
      } else {
        const row = await trx
          .insertInto('people')
          .values({ slug, name, bio: '', title: '', email: mail, created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        this.report.count('author', 'created');
      }
      await this.remember(trx, 'author', legacyId, id, `/author/${slug}`, after);
      const localId = id;
      after(() => this.personByLogin.set(login, localId));
    });
    return id;
  }

  private async importCategory(c: WxrCategory, line: number): Promise<void> {
    const slug = clampSlug(decodeSlug(c.nicename));
    const what = `category "${c.name || slug}" (line ${line})`;
    if (!slug) {
      this.report.warn(what, 'skipped: no slug');
      this.report.count('category', 'skipped');
      return;
    }
    await this.upsertSection(slug, c.name || slug, c.description, clampSlug(decodeSlug(c.parent)), c.id || slug, what);
  }

  private async upsertSection(wpSlug: string, rawName: string, description: string, parentSlug: string, legacyId: string, what: string): Promise<number | undefined> {
    let parentId: number | null = null;
    if (parentSlug) {
      parentId = this.sectionBySlug.get(parentSlug) ?? null;
      if (parentId === null) this.report.warn(what, `parent category "${parentSlug}" is not in the file; imported at the top level`);
    }
    // A category named like one of our own paths (`tag`, `feed` …) would be unreachable.
    const slug = reservedSlugs.has(wpSlug) ? `${wpSlug}-section` : wpSlug;
    if (slug !== wpSlug) this.report.warn(what, `slug "${wpSlug}" is reserved here; the section is "${slug}"`);
    const path = parentSlug && this.categoryPath.has(parentSlug) ? `${this.categoryPath.get(parentSlug)}/${wpSlug}` : `/category/${wpSlug}`;
    if (path.split('/').length > 4) this.report.warn(what, 'nested more than two levels deep; the site menu shows two');
    let id: number | undefined;
    await this.unit(what, async (trx, after) => {
      const known = this.legacy.get(`category:${legacyId}`);
      const existing = known ?? (await trx.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
      const name = plainText(rawName) || slug;
      if (existing !== undefined) {
        await trx
          .updateTable('sections')
          .set({ name, description: plainText(description), parent_id: parentId })
          .where('id', '=', existing)
          .execute();
        id = existing;
        this.report.count('category', 'updated');
      } else {
        const row = await trx
          .insertInto('sections')
          .values({ slug, name, description: plainText(description), parent_id: parentId, position: this.sectionPosition, created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        this.report.count('category', 'created');
      }
      await this.remember(trx, 'category', legacyId, id, path, after);
      const localId = id;
      after(() => {
        this.sectionBySlug.set(wpSlug, localId);
        this.categoryPath.set(wpSlug, path);
        this.sectionPosition++;
      });
    });
    return id;
  }

  private async importTag(t: WxrTag, line: number): Promise<void> {
    const slug = clampSlug(decodeSlug(t.slug));
    const what = `tag "${t.name || slug}" (line ${line})`;
    if (!slug) {
      this.report.warn(what, 'skipped: no slug');
      this.report.count('tag', 'skipped');
      return;
    }
    await this.unit(what, async (trx, after) => {
      await this.upsertTag(trx, slug, t.name || slug, t.id || slug, after);
    });
  }

  private async upsertTag(trx: Trx, slug: string, rawName: string, legacyId: string, after: (f: () => void) => void): Promise<number> {
    const name = plainText(rawName) || slug;
    const known = this.legacy.get(`tag:${legacyId}`) ?? this.tagBySlug.get(slug);
    const existing = known ?? (await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
    let id: number;
    if (existing !== undefined) {
      await trx.updateTable('tags').set({ name }).where('id', '=', existing).execute();
      id = existing;
      this.report.count('tag', 'updated');
    } else {
      id = (await trx.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
      this.report.count('tag', 'created');
    }
    await this.remember(trx, 'tag', legacyId, id, `/tag/${slug}`, after);
    after(() => this.tagBySlug.set(slug, id));
    return id;
  }

  private async importAttachment(item: WxrItem, line: number): Promise<void> {
    const what = `attachment ${item.postId} "${item.title}" (line ${line})`;
    const attached = item.meta.get('_wp_attached_file')?.trim() || /\/wp-content\/uploads\/(.+)$/.exec(item.attachmentUrl)?.[1] || '';
    const remember = (src: string) => {
      for (const url of [item.attachmentUrl, item.guid]) if (url) this.imageByUrl.set(urlKey(url), src);
    };
    if (!imageExt.test(attached || item.attachmentUrl)) {
      this.report.warn(what, `not an image (${attached || item.attachmentUrl || 'no file'}); only images are imported`);
      this.report.count('attachment', 'skipped');
      return;
    }
    if (!this.options.uploadsDir) {
      this.attachmentsWithoutUploads++;
      this.report.count('attachment', 'skipped');
      return;
    }
    const relative = normalizePath(decodeSlug(attached)).replace(/^(\.\.(\/|\\|$))+/, '');
    const file = join(this.options.uploadsDir, relative);
    if (!existsSync(file)) {
      this.report.warn(what, `file not found: ${file}`);
      this.report.count('attachment', 'skipped');
      return;
    }
    const mediaPath = `wp/${relative.replace(/\\/g, '/').replace(imageExt, '.jpg')}`;
    let size: { width: number; height: number };
    try {
      const input = await readFile(file);
      // A store in this database writes through its own connection; on SQLite there is only
      // one, held by the open batch, so the batch is committed first (items in it are whole).
      if (!this.options.dryRun && this.deps.media.kind === 'database') await this.commitBatch();
      size = this.options.dryRun
        ? await this.pipeline.inspect(input, relative)
        : await this.pipeline.store(this.deps.media, mediaPath, input, { file: relative, original: 'jpeg' });
    } catch (err) {
      this.report.warn(what, `image could not be read: ${(err as Error).message}`);
      this.report.count('attachment', 'skipped');
      return;
    }
    const alt = plainText(item.meta.get('_wp_attachment_image_alt') ?? '');
    const caption = plainText(item.excerpt);
    const created = gmtDate(item.postDateGmt) ?? rfcDate(item.pubDate) ?? new Date().toISOString();
    await this.unit(what, async (trx, after) => {
      const known = this.legacy.get(`attachment:${item.postId}`);
      const existing = known ?? (await trx.selectFrom('media').select('id').where('path', '=', mediaPath).executeTakeFirst())?.id;
      let id: number;
      const values = { path: mediaPath, mime: 'image/jpeg', width: size.width, height: size.height, alt, caption };
      if (existing !== undefined) {
        await trx.updateTable('media').set(values).where('id', '=', existing).execute();
        id = existing;
        this.report.count('attachment', 'updated');
      } else {
        id = (await trx.insertInto('media').values({ ...values, created_at: created }).returning('id').executeTakeFirstOrThrow()).id;
        this.report.count('attachment', 'created');
      }
      await this.remember(trx, 'attachment', item.postId, id, null, after);
      after(() => {
        const src = urls.media(mediaPath);
        this.images.set(item.postId, { mediaId: id, src, alt, caption });
        remember(src);
        if (item.postParent && item.postParent !== '0') {
          const list = this.attachmentsByParent.get(item.postParent) ?? [];
          list.push(item.postId);
          this.attachmentsByParent.set(item.postParent, list);
        }
      });
    });
  }

  // ---- posts and pages ----

  /**
   * A post's sections: the primary one (Yoast's primary category, else the first) and the rest
   * of its categories in file order; null for a page; undefined when none could be made.
   */
  private async sectionsFor(item: WxrItem, what: string): Promise<{ primary: number | null; others: number[] } | undefined> {
    if (item.postType === 'page') return { primary: null, others: [] };
    const cats = item.terms.filter((t) => t.domain === 'category');
    const primary = item.meta.get('_yoast_wpseo_primary_category')?.trim();
    const ordered = primary ? [...cats].sort((a, b) => Number(b.nicename === primary) - Number(a.nicename === primary)) : cats;
    const ids: number[] = [];
    for (const c of ordered) {
      const slug = clampSlug(decodeSlug(c.nicename));
      const id = this.sectionBySlug.get(slug) ?? (slug ? await this.upsertSection(slug, c.name || slug, '', '', `slug:${slug}`, what) : undefined);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    if (ids.length > 0) return { primary: ids[0]!, others: ids.slice(1) };
    const fallback = this.sectionBySlug.get('uncategorized') ?? (await this.upsertSection('uncategorized', 'અવર્ગીકૃત', '', '', 'khabar:uncategorized', what));
    return fallback === undefined ? undefined : { primary: fallback, others: [] };
  }

  private async authorFor(item: WxrItem, what: string): Promise<number | undefined> {
    const login = item.creator;
    if (!login) return undefined;
    return this.personByLogin.get(login) ?? this.upsertPerson(login, login, '', `login:${login}`, what);
  }

  private async importPost(item: WxrItem, line: number): Promise<void> {
    const kind: LegacyKind = item.postType === 'page' ? 'page' : 'post';
    const what = `${kind} ${item.postId || '?'} "${item.title}" (line ${line})`;
    const status = mapStatus(item);
    if (status === undefined) {
      this.report.count(kind, 'skipped');
      if (item.status !== 'auto-draft') this.report.warn(what, `skipped: status "${item.status}" has no equivalent`);
      return;
    }
    if (!item.postId) {
      this.report.warn(what, 'skipped: no wp:post_id, so it could not be matched on a re-run');
      this.report.count(kind, 'skipped');
      return;
    }
    if (item.postPassword && item.status === 'publish' && kind === 'page') this.report.warn(what, 'password-protected page: imported as unpublished');
    if (item.status === 'private') this.report.warn(what, 'private: imported as unpublished');

    // Things shared between posts (sections, people) are made in their own units first.
    const sections = await this.sectionsFor(item, what);
    const personId = await this.authorFor(item, what);
    if (sections === undefined) {
      this.report.count(kind, 'skipped');
      return;
    }
    const sectionId = sections.primary;

    const converted = convertContent(item.content, {
      imageById: (id) => this.images.get(id),
      srcForUrl: (url) => this.imageByUrl.get(urlKey(url)),
      attachedTo: () => this.attachmentsByParent.get(item.postId) ?? [],
    });
    for (const name of converted.unknownShortcodes) this.report.warn(what, `shortcode [${name}] is not supported; kept as text`);
    for (const note of new Set(converted.notes)) this.report.warn(what, note);

    const headline = plainText(item.title) || (item.postName ? decodeSlug(item.postName) : '');
    if (!headline) this.report.warn(what, 'no title; the headline is "(શીર્ષક નથી)"');
    const thumbId = item.meta.get('_thumbnail_id')?.trim();
    const featured = thumbId ? this.images.get(thumbId) : undefined;
    if (thumbId && !featured && this.options.uploadsDir) this.report.warn(what, `featured image ${thumbId} was not imported`);

    const published = gmtDate(item.postDateGmt) ?? rfcDate(item.pubDate) ?? siteDate(item.postDate, this.timeZone);
    const publishedAt = status === 'draft' || status === 'submitted' ? (gmtDate(item.postDateGmt) ?? null) : (published ?? null);
    // A draft may carry no date at all: it gets "now" once, and a re-run leaves that alone.
    const created = published ?? new Date().toISOString();
    const updated = gmtDate(item.postModifiedGmt) ?? published;
    const yoastTitleRaw = item.meta.get('_yoast_wpseo_title') ?? item.meta.get('rank_math_title') ?? '';
    const yoastDesc = item.meta.get('_yoast_wpseo_metadesc') ?? item.meta.get('rank_math_description') ?? '';
    const body = sanitizeBody(converted.html);
    const comments = item.comments.filter((c) => c.type !== 'pingback' && c.type !== 'trackback');
    const skippedPings = item.comments.length - comments.length;
    const approved = comments.filter((c) => mapCommentStatus(c.approved) === 'approved').length;
    let wantedSlug = clampSlug(decodeSlug(item.postName)) || slugify(headline || `post-${item.postId}`);
    // A page lives at `/{slug}`: one that a site route or a section holds takes the WordPress id.
    if (kind === 'page' && (reservedPageSlugs.has(wantedSlug.toLowerCase()) || this.sectionBySlug.has(wantedSlug))) {
      this.report.warn(what, `page address "/${wantedSlug}" is reserved for the site or a section; using "/${wantedSlug}-${item.postId}"`);
      wantedSlug = `${wantedSlug}-${item.postId}`;
    }
    const tagTerms = item.terms.filter((t) => t.domain === 'post_tag' && t.nicename);
    const path = item.link ? legacyPath(item.link) ?? null : null;

    const row = {
      language: detectLanguage(`${headline} ${converted.html.slice(0, 2000)}`),
      headline: headline || '(શીર્ષક નથી)',
      dek: plainText(excerptToDek(item.excerpt)),
      body_html: body,
      status,
      kind: kind === 'page' ? ('page' as const) : ('story' as const),
      section_id: sectionId,
      featured_media_id: featured?.mediaId ?? null,
      featured_caption: '',
      featured_alt: '',
      seo_title: yoastTitleRaw ? plainText(yoastTitle(yoastTitleRaw, headline, this.siteName)) : '',
      seo_description: plainText(yoastDesc),
      published_at: publishedAt,
      ...(updated !== undefined && { updated_at: updated }),
      format: formatOf(item),
      password: kind === 'page' ? '' : item.postPassword,
      comments_open: item.commentStatus === 'closed' ? 0 : 1,
    };

    await this.unit(what, async (trx, after) => {
      const known = this.legacy.get(`${kind}:${item.postId}`);
      const tagIds = new Set<number>();
      for (const t of tagTerms) {
        const tslug = clampSlug(decodeSlug(t.nicename));
        tagIds.add(this.tagBySlug.get(tslug) ?? (await this.upsertTag(trx, tslug, t.name || tslug, `slug:${tslug}`, after)));
      }
      // Slugs are unique across stories; a clash with another story gets the WordPress id added,
      // which gives the same slug on every run whatever order things were imported in.
      const fallbackSlug = `${wantedSlug}-${item.postId}`;
      const { id, slugTaken } = await importArticle(
        this.scope(trx),
        {
          knownId: known,
          row: known !== undefined ? row : { ...row, created_at: created, updated_at: updated ?? created },
          slug: wantedSlug,
          fallbackSlug,
          authorIds: personId !== undefined ? [personId] : [],
          tagIds: [...tagIds],
          secondarySectionIds: sections.others,
        },
        { indexLater: true },
      );
      if (!this.options.dryRun) after(() => this.unindexed.add(id));
      if (slugTaken) this.report.warn(what, `slug "${wantedSlug}" is taken by another story; using "${fallbackSlug}"`);
      await setCounts(this.scope(trx).trx, id, { views: viewCount(item.meta) ?? 0, comments: approved });
      await this.remember(trx, kind, item.postId, id, path, after, item.guid);
      if (item.isSticky && kind === 'post' && status === 'published') after(() => this.sticky.push(id));
      await this.importComments(trx, id, comments, after);
      this.report.count(kind, known !== undefined ? 'updated' : 'created');
      if (comments.length > 0) this.report.count('comment', known !== undefined ? 'updated' : 'created', comments.length);
      if (skippedPings > 0) this.report.count('pingback', 'skipped', skippedPings);
    });
  }

  /** Comments keep their WordPress thread: a reply points at the comment it answered. */
  private async importComments(trx: Trx, articleId: number, comments: WxrItem['comments'], after: (f: () => void) => void): Promise<void> {
    if (comments.length === 0) return;
    const local = new Map<string, number>();
    const parents: [number, string][] = [];
    for (const c of comments) {
      const values = {
        article_id: articleId,
        author_name: plainText(c.author) || 'અનામી',
        author_email: c.authorEmail.trim() || null,
        body: plainText(c.content.replace(/<br\s*\/?>/gi, '\n')),
        body_html: commentHtml(c.content),
        status: mapCommentStatus(c.approved),
        created_at: gmtDate(c.dateGmt) ?? gmtDate(c.date) ?? new Date().toISOString(),
      };
      const known = c.id ? this.legacy.get(`comment:${c.id}`) : undefined;
      let id: number;
      if (known !== undefined) {
        await trx.updateTable('comments').set({ ...values, parent_id: null }).where('id', '=', known).execute();
        id = known;
      } else {
        id = (await trx.insertInto('comments').values({ ...values, parent_id: null }).returning('id').executeTakeFirstOrThrow()).id;
      }
      if (c.id) {
        local.set(c.id, id);
        await this.remember(trx, 'comment', c.id, id, null, after);
      }
      if (c.parent && c.parent !== '0') parents.push([id, c.parent]);
    }
    // Parents are linked after all are in: a reply can come before the comment it answers.
    for (const [id, parent] of parents) {
      const parentId = local.get(parent);
      if (parentId !== undefined) await trx.updateTable('comments').set({ parent_id: parentId }).where('id', '=', id).execute();
    }
  }
}

/** WordPress's post format (the `post_format` term `post-format-video`); standard when none or unknown. */
function formatOf(item: WxrItem): PostFormat {
  const term = item.terms.find((t) => t.domain === 'post_format');
  const name = term?.nicename.replace(/^post-format-/, '') ?? 'standard';
  return (postFormats as readonly string[]).includes(name) ? (name as PostFormat) : 'standard';
}

/** A comment's markup, cleaned, when it has any worth keeping (a link, emphasis); else null and the text is all. */
function commentHtml(content: string): string | null {
  if (!/<(a|strong|b|em|i|blockquote|code|del|s)[\s>]/i.test(content)) return null;
  return sanitizeComment(autop(content)) || null;
}

/** Imports a WordPress export (WXR): see WordPressImportOptions. Returns the report. */
export async function importWordPress(deps: WordPressImportDeps, options: WordPressImportOptions): Promise<ImportReport> {
  return new WordPressImport(deps, options).run();
}
