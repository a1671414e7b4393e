import type { Kysely } from 'kysely';
import type { ArticleStatus, DB, MenuName, Section, Tag } from '../db/schema.js';
import { can, ensure, type Actor } from '../content/policies.js';
import { menuItems, menuNames, type MenuItemView } from '../content/menus.js';
import { listSections } from '../content/taxonomy.js';

/** What the newsroom's menu editor shows: both menus and what an item may point at. */
export interface MenuEditorState {
  menus: Record<MenuName, MenuItemView[]>;
  sections: Section[];
  /** Every static page, public or not (a draft page may be put in a menu before it goes live). */
  pages: { id: number; headline: string; status: ArticleStatus }[];
  tags: Tag[];
}

export async function menuEditorState(db: Kysely<DB>, actor: Actor): Promise<MenuEditorState> {
  ensure(can(actor, 'menus.manage'), 'menus.manage');
  const [header, footer, sections, pages, tags] = await Promise.all([
    menuItems(db, 'header'),
    menuItems(db, 'footer'),
    listSections(db),
    db.selectFrom('articles').select(['id', 'headline', 'status']).where('kind', '=', 'page').where('status', '!=', 'archived').orderBy('headline').execute(),
    db.selectFrom('tags').selectAll().orderBy('name').limit(500).execute(),
  ]);
  const menus = { header, footer } satisfies Record<(typeof menuNames)[number], MenuItemView[]>;
  return { menus, sections, pages, tags };
}
