import type { Kysely, Transaction } from 'kysely';
import { listSections } from '../content/taxonomy.js';
import type { AdminOrigin, DB, Section, Tag } from '../db/schema.js';
import { slugify, slugifyNative } from '../gujarati/slugify.js';
import { plainText } from '../content/sanitize.js';
import { getSettings } from '../content/settings.js';
import { reservedSlugs, urls } from '../content/urls.js';
import { addRedirect, redirectKey } from '../content/redirects.js';
import { dropFromSearch } from '../search/indexer.js';
import type { Actor } from '../content/policies.js';
import type { TaxonomyProblem } from '../i18n/siteAdmin.js';

/** Why a section or tag change was refused; the newsroom words each code (i18n/siteAdmin.ts). */
export type { TaxonomyProblem };

export class TaxonomyError extends Error {
  constructor(readonly problem: TaxonomyProblem) {
    super(`taxonomy change refused: ${JSON.stringify(problem)}`);
    this.name = 'TaxonomyError';
  }
}

/** Who is changing the taxonomy, and from where (for the audit log). */
export interface TaxonomyActor {
  /** An editor or admin. */
  actor: Actor;
  /** `newsroom` (a page) or `cli`. */
  origin?: AdminOrigin;
}

/** The describable fields of a section or tag; all optional on update. */
export interface TaxonomyText {
  name?: string;
  /** Typed slug; slugified by the site's slug style. Empty or absent on create: made from the name. */
  slug?: string;
  description?: string;
  seoTitle?: string;
  seoDescription?: string;
}

const limits = { name: 120, description: 1000, seoTitle: 120, seoDescription: 300 } as const;

/** Trimmed plain text within its limit (NFC kept as typed: conjuncts, nukta and ZWJ stay as they are). */
export function cleanText(field: keyof typeof limits, value: string): string {
  const text = plainText(value).trim();
  if ([...text].length > limits[field]) throw new TaxonomyError({ code: 'tooLong', field, max: limits[field] });
  return text;
}

export function cleanName(value: string): string {
  const name = cleanText('name', value);
  if (name === '') throw new TaxonomyError({ code: 'nameEmpty' });
  return name;
}

/** A URL segment from what was typed (or the name), in the site's slug style. */
export async function slugFrom(trx: Transaction<DB>, text: string): Promise<string> {
  const { slugStyle } = await getSettings(trx);
  return slugStyle === 'native' ? slugifyNative(text) || slugify(text) : slugify(text);
}

/**
 * The slug to store: a typed one must be free (else `slugTaken`); one made from the name gets
 * `-2`, `-3`… until free. Section slugs are first path segments, so reserved words are refused.
 */
export async function chooseSlug(
  trx: Transaction<DB>,
  table: 'sections' | 'tags',
  typed: string | undefined,
  name: string,
  exceptId?: number,
): Promise<string> {
  const manual = typed !== undefined && typed.trim() !== '';
  const base = await slugFrom(trx, manual ? typed : name);
  const taken = async (slug: string) => {
    let q = trx.selectFrom(table).select('id').where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined || (table === 'sections' && reservedSlugs.has(slug));
  };
  if (manual) {
    if (table === 'sections' && reservedSlugs.has(base)) throw new TaxonomyError({ code: 'slugReserved', slug: base });
    if (await taken(base)) throw new TaxonomyError({ code: 'slugTaken', slug: base });
    return base;
  }
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(slug))) return slug;
  }
}

export async function sectionById(trx: Transaction<DB>, id: number): Promise<Section> {
  const s = await trx.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw new TaxonomyError({ code: 'notFound', id });
  return s;
}

export async function tagById(trx: Transaction<DB>, id: number): Promise<Tag> {
  const t = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw new TaxonomyError({ code: 'notFound', id });
  return t;
}

/**
 * Old public paths now live at new ones: each `from` 301s to its `to`, earlier redirects to a
 * `from` are pointed at its `to` (no chains), and a redirect away from a `to` is dropped (the
 * path is live again: renaming back must not loop).
 */
export async function movePaths(trx: Transaction<DB>, moves: readonly { from: string; to: string }[]): Promise<void> {
  for (const { from, to } of moves) {
    if (redirectKey(from) === redirectKey(to)) continue;
    await trx.deleteFrom('redirects').where('from_path', '=', redirectKey(to)).execute();
    await trx.updateTable('redirects').set({ to_path: to }).where('to_path', '=', from).execute();
    await addRedirect(trx, from, to);
  }
}

/** A section front and its feeds. */
export const sectionPaths = (slug: string) => [urls.section(slug), urls.sectionRss(slug), urls.sectionAtom(slug)];

/** Redirect moves for a section whose front now lives at another slug. */
export const sectionMoves = (from: string, to: string) => sectionPaths(from).map((p, i) => ({ from: p, to: sectionPaths(to)[i] as string }));

/** Stories (of any status) in a section, and how many sub-sections it has. */
export async function sectionUse(trx: Transaction<DB>, id: number): Promise<{ stories: number; children: number }> {
  const [stories, children] = await Promise.all([
    trx.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('section_id', '=', id).executeTakeFirstOrThrow(),
    trx.selectFrom('sections').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { stories: Number(stories.n), children: Number(children.n) };
}

/** Ids of the stories (of any status) that carry a tag. */
export async function storiesWithTag(trx: Transaction<DB>, tagId: number): Promise<number[]> {
  const rows = await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).orderBy('article_id').execute();
  return rows.map((r) => r.article_id);
}

/** Takes stories out of the search index before their tag text changes (they are put back after). */
export async function dropStoriesFromSearch(trx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  for (const id of ids) await dropFromSearch(trx, id);
}

/** The fields that differ between two versions of a row, for the audit log. */
export function diff<T extends object>(before: T | null, after: T | null, keys: readonly (keyof T & string)[]): { key: string; before: unknown; after: unknown }[] {
  return keys
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .map((k) => ({ key: k, before: before?.[k] ?? null, after: after?.[k] ?? null }));
}

/** The audit fields of a section row. */
export const sectionKeys = ['name', 'slug', 'parent_id', 'position', 'description', 'seo_title', 'seo_description'] as const;
export const tagKeys = ['name', 'slug', 'description', 'seo_title', 'seo_description'] as const;

/**
 * Edits waiting for "Update" on live stories keep the section or tag they were made with; when
 * that one is merged away they must name the target, or applying them would fail later.
 */
export async function retargetPending(trx: Transaction<DB>, change: { section: { from: number; to: number } } | { tag: { from: number; to: number } }): Promise<void> {
  const rows = await trx.selectFrom('pending_changes').select(['article_id', 'snapshot']).execute();
  for (const row of rows) {
    const snap = JSON.parse(row.snapshot) as { sectionId: number; tagIds: number[] };
    let changed = false;
    if ('section' in change && snap.sectionId === change.section.from) {
      snap.sectionId = change.section.to;
      changed = true;
    }
    if ('tag' in change && snap.tagIds.includes(change.tag.from)) {
      snap.tagIds = [...new Set(snap.tagIds.map((id) => (id === change.tag.from ? change.tag.to : id)))];
      changed = true;
    }
    if (changed) await trx.updateTable('pending_changes').set({ snapshot: JSON.stringify(snap) }).where('article_id', '=', row.article_id).execute();
  }
}

/** Cache keys every taxonomy change touches: the menu and breadcrumbs are on every page. */
export const taxonomyPages = (...extra: string[]) => ['taxonomy', 'home', 'feeds', ...extra];

/** What the sections and tags pages list: every section in menu order and every tag by name, with their stories counted (any status). */
export async function taxonomyAdminState(db: Kysely<DB>): Promise<{ sections: Section[]; tags: Tag[]; sectionCounts: Map<number, number>; tagCounts: Map<number, number> }> {
  const [sections, tags, bySection, byTag] = await Promise.all([
    listSections(db),
    db.selectFrom('tags').selectAll().orderBy('name').execute(),
    db.selectFrom('articles').select(['section_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('section_id').execute(),
    db.selectFrom('article_tags').select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tag_id').execute(),
  ]);
  return {
    sections,
    tags,
    // Static pages have no section.
    sectionCounts: new Map(bySection.flatMap((r) => (r.section_id === null ? [] : [[r.section_id, Number(r.n)] as const]))),
    tagCounts: new Map(byTag.map((r) => [r.tag_id, Number(r.n)])),
  };
}
