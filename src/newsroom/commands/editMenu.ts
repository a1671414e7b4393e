import { changeTransaction } from '../../content/changes.js';
import { can, ensure, type Actor } from '../../content/policies.js';
import { plainText } from '../../content/sanitize.js';
import type { MenuItemKind, MenuName } from '../../db/schema.js';
import type { MenuErrorReason } from '../../i18n/pages.js';
import type { WriterDeps } from '../articleWriter.js';

/** What a new menu item points at. */
export type MenuTarget =
  | { kind: 'section' | 'page' | 'tag'; id: number }
  | { kind: 'link'; url: string };

/** One change to a menu. */
export type MenuEdit =
  /** Appends an item; an empty label shows the target's own name. */
  | { op: 'add'; target: MenuTarget; label: string }
  | { op: 'remove'; itemId: number }
  /** One place up or down (the keyboard's and the no-JavaScript way). */
  | { op: 'move'; itemId: number; direction: 'up' | 'down' }
  /** Every item of the menu in its new order (what a drag sends). */
  | { op: 'order'; itemIds: number[] };

export interface EditMenuProps {
  /** An editor or admin. */
  actor: Actor;
  menu: MenuName;
  edit: MenuEdit;
}

export type { MenuErrorReason };

/** The edit names something that is not there, or a link that is not http(s). */
export class MenuError extends Error {
  constructor(readonly reason: MenuErrorReason) {
    super(`menu edit refused: ${reason}`);
  }
}

const maxItems = 30;

function httpUrl(raw: string): string | undefined {
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Changes the header or footer menu in one transaction and records `menus.changed`, which drops
 * every cached page (each shows both menus) and reloads the menus held in memory.
 */
export async function editMenu(deps: WriterDeps, { actor, menu, edit }: EditMenuProps): Promise<void> {
  ensure(can(actor, 'menus.manage'), 'menus.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const items = await trx.selectFrom('menu_items').select('id').where('menu', '=', menu).orderBy('position').orderBy('id').execute();
    let order = items.map((i) => i.id);
    if (edit.op === 'add') {
      if (order.length >= maxItems) throw new MenuError('too_many');
      const t = edit.target;
      const row: { kind: MenuItemKind; section_id: number | null; tag_id: number | null; article_id: number | null; url: string | null } = {
        kind: t.kind,
        section_id: null,
        tag_id: null,
        article_id: null,
        url: null,
      };
      if (t.kind === 'link') {
        const url = httpUrl(t.url);
        if (!url) throw new MenuError('bad_url');
        row.url = url;
      } else if (t.kind === 'section') {
        if (!(await trx.selectFrom('sections').select('id').where('id', '=', t.id).executeTakeFirst())) throw new MenuError('unknown_target');
        row.section_id = t.id;
      } else if (t.kind === 'tag') {
        if (!(await trx.selectFrom('tags').select('id').where('id', '=', t.id).executeTakeFirst())) throw new MenuError('unknown_target');
        row.tag_id = t.id;
      } else {
        if (!(await trx.selectFrom('articles').select('id').where('id', '=', t.id).where('kind', '=', 'page').executeTakeFirst())) throw new MenuError('unknown_target');
        row.article_id = t.id;
      }
      await trx.insertInto('menu_items').values({ ...row, menu, position: order.length, label: plainText(edit.label).slice(0, 100) }).execute();
    } else if (edit.op === 'remove') {
      if (!order.includes(edit.itemId)) throw new MenuError('unknown_item');
      await trx.deleteFrom('menu_items').where('id', '=', edit.itemId).execute();
      order = order.filter((id) => id !== edit.itemId);
    } else if (edit.op === 'move') {
      const at = order.indexOf(edit.itemId);
      if (at < 0) throw new MenuError('unknown_item');
      const to = edit.direction === 'up' ? at - 1 : at + 1;
      if (to >= 0 && to < order.length) [order[at], order[to]] = [order[to] as number, order[at] as number];
    } else {
      const wanted = edit.itemIds;
      if (wanted.length !== order.length || new Set(wanted).size !== wanted.length || !wanted.every((id) => order.includes(id))) throw new MenuError('bad_order');
      order = wanted;
    }
    if (edit.op !== 'add') {
      for (const [position, id] of order.entries()) await trx.updateTable('menu_items').set({ position }).where('id', '=', id).execute();
    }
    record({ type: 'menus.changed', menu, pages: ['menus'] });
  });
}
