import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MenuName } from '../../db/schema.js';
import { editMenu, MenuError, type MenuEdit, type MenuTarget } from '../../newsroom/commands/editMenu.js';
import { menuEditorState } from '../../newsroom/menuQueries.js';
import { pagesMessages } from '../../i18n/pages.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { actor, idList, idListField, newsroomView, type NewsroomDeps } from './context.js';
import { MenusPage } from './views/MenusPage.js';

const menuParams = { type: 'object', required: ['menu'], properties: { menu: { type: 'string', enum: ['header', 'footer'] } } } as const;
const itemId = { type: 'integer', minimum: 1 } as const;

const bodies = {
  add: {
    type: 'object',
    properties: {
      target: { type: 'string', maxLength: 40, pattern: '^((section|page|tag):[0-9]{1,9})?$' },
      url: { type: 'string', maxLength: 2000 },
      label: { type: 'string', maxLength: 200 },
    },
  },
  move: { type: 'object', required: ['itemId', 'direction'], properties: { itemId, direction: { type: 'string', enum: ['up', 'down'] } } },
  remove: { type: 'object', required: ['itemId'], properties: { itemId } },
  order: { type: 'object', required: ['itemIds'], properties: { itemIds: idListField } },
} as const;

interface MenuForm {
  target?: string;
  url?: string;
  label?: string;
  itemId?: number;
  direction?: 'up' | 'down';
  itemIds?: string;
}

/** The form as one menu edit; undefined when an add names neither a target nor a link. */
function editOf(op: keyof typeof bodies, f: MenuForm): MenuEdit | undefined {
  switch (op) {
    case 'add': {
      const [kind, id] = (f.target ?? '').split(':');
      const url = (f.url ?? '').trim();
      let target: MenuTarget;
      if (kind === 'section' || kind === 'page' || kind === 'tag') target = { kind, id: Number(id) };
      else if (url) target = { kind: 'link', url };
      else return undefined;
      return { op: 'add', target, label: f.label ?? '' };
    }
    case 'move':
      return { op: 'move', itemId: f.itemId as number, direction: f.direction as 'up' | 'down' };
    case 'remove':
      return { op: 'remove', itemId: f.itemId as number };
    case 'order':
      return { op: 'order', itemIds: idList(f.itemIds) };
  }
}

/** `/newsroom/menus`: the header and footer menus (editors and admins). */
export async function menuRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);

  const page = async (request: FastifyRequest, reply: FastifyReply, notice?: { kind: 'error' | 'ok'; text: string }, status = 200) => {
    const state = await menuEditorState(deps.db, actor(request));
    return html(reply, <MenusPage v={view(request)} state={state} {...(notice && { notice })} />, status);
  };

  app.get<{ Querystring: { saved?: string } }>('/menus', requirePermission('menus.manage'), async (request, reply) =>
    page(request, reply, request.query.saved !== undefined ? { kind: 'ok', text: pagesMessages(view(request).lang).saved } : undefined),
  );

  for (const op of Object.keys(bodies) as (keyof typeof bodies)[]) {
    app.post<{ Params: { menu: MenuName }; Body: MenuForm }>(
      `/menus/:menu/${op}`,
      { ...requirePermission('menus.manage'), schema: { params: menuParams, body: bodies[op] } },
      async (request, reply) => {
        const p = pagesMessages(view(request).lang);
        const edit = editOf(op, request.body);
        if (!edit) return page(request, reply, { kind: 'error', text: p.chooseTarget }, 400);
        try {
          await editMenu(domain, { actor: actor(request), menu: request.params.menu, edit });
        } catch (err) {
          if (!(err instanceof MenuError)) throw err;
          return page(request, reply, { kind: 'error', text: p.menuError(err.reason) }, 400);
        }
        const anchor = edit.op === 'move' ? `item-${edit.itemId}` : `menu-${request.params.menu}`;
        return reply.redirect(`/newsroom/menus?saved=1#${anchor}`, 303);
      },
    );
  }
}
