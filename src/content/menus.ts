import type { Kysely } from 'kysely';
import type { DB, MenuItemKind, MenuName } from '../db/schema.js';
import { publishedPages } from './pages.js';
import { urls } from './urls.js';
import { visibleNow } from './visibility.js';

/**
 * The header and footer menus as readers see them. Items point at a section, a page, a tag or an
 * external link; an item whose target is gone or not public is left out. With no items set, the
 * header is the section menu (null here: the layout draws it) and the footer lists the pages.
 */
export interface MenuLink {
  label: string;
  href: string;
  external: boolean;
}

export interface SiteMenus {
  /** Null: no header menu set, show the sections. */
  header: MenuLink[] | null;
  footer: MenuLink[];
}

export const menuNames: readonly MenuName[] = ['header', 'footer'];

/** One stored item with its target's name, for the newsroom's menu editor. */
export interface MenuItemView {
  id: number;
  kind: MenuItemKind;
  label: string;
  /** The target's own name (section, page title, tag) or the URL. */
  target: string;
  targetId: number | null;
  url: string | null;
  /** The target exists but readers cannot see it now (an unpublished page). */
  hidden: boolean;
}

export async function menuItems(db: Kysely<DB>, menu: MenuName, now = new Date()): Promise<MenuItemView[]> {
  const rows = await db
    .selectFrom('menu_items')
    .leftJoin('sections', 'sections.id', 'menu_items.section_id')
    .leftJoin('tags', 'tags.id', 'menu_items.tag_id')
    .leftJoin('articles', 'articles.id', 'menu_items.article_id')
    .select([
      'menu_items.id',
      'menu_items.kind',
      'menu_items.label',
      'menu_items.url',
      'menu_items.section_id',
      'menu_items.tag_id',
      'menu_items.article_id',
      'sections.name as section_name',
      'sections.slug as section_slug',
      'tags.name as tag_name',
      'tags.slug as tag_slug',
      'articles.headline as page_title',
      'articles.slug as page_slug',
    ])
    .select(visibleNow(now).as('page_public'))
    .where('menu_items.menu', '=', menu)
    .orderBy('menu_items.position')
    .orderBy('menu_items.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    label: r.label,
    target: r.kind === 'section' ? (r.section_name ?? '') : r.kind === 'tag' ? (r.tag_name ?? '') : r.kind === 'page' ? (r.page_title ?? '') : (r.url ?? ''),
    targetId: r.section_id ?? r.tag_id ?? r.article_id,
    url: r.kind === 'section' && r.section_slug !== null ? urls.section(r.section_slug) : r.kind === 'tag' && r.tag_slug !== null ? urls.tag(r.tag_slug) : r.kind === 'page' && r.page_slug !== null ? urls.page(r.page_slug) : r.url,
    hidden: r.kind === 'page' && !Number(r.page_public),
  }));
}

function toLinks(items: MenuItemView[]): MenuLink[] {
  return items
    .filter((i) => !i.hidden && i.url !== null)
    .map((i) => ({ label: i.label || i.target, href: i.url as string, external: i.kind === 'link' }));
}

/** Both menus, resolved for the reader layout. */
export async function siteMenus(db: Kysely<DB>, now = new Date()): Promise<SiteMenus> {
  const [header, footer] = await Promise.all([menuItems(db, 'header', now), menuItems(db, 'footer', now)]);
  return {
    header: header.length > 0 ? toLinks(header) : null,
    footer: footer.length > 0 ? toLinks(footer) : (await publishedPages(db, now)).map((p) => ({ label: p.headline, href: urls.page(p.slug), external: false })),
  };
}
