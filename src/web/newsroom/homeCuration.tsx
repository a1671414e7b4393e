import type { FastifyInstance, FastifyRequest } from 'fastify';
import { homeCurationState } from '../../newsroom/newsroomQueries.js';
import { curateHome } from '../../newsroom/commands/curateHome.js';
import { PinError, setHomePins, type PinChange } from '../../newsroom/commands/setHomePins.js';
import { newsroomRestMessages } from '../../i18n/newsroomRest.js';
import { SettingsError } from '../../content/settings.js';
import { sendPage as html } from '../html.js';
import { requirePermission } from '../plugins/auth.js';
import { actor, idList, idListField, newsroomView, type NewsroomDeps } from './context.js';
import { HomeCurationPage } from './views/HomeCurationPage.js';

const curationBody = {
  // A script may post with the CSRF header and no body at all.
  type: ['object', 'null'],
  properties: {
    pins: idListField,
    bannerText: { type: 'string', maxLength: 2000 },
    bannerUrl: { type: 'string', maxLength: 2000 },
  },
} as const;

interface CurationForm {
  pins?: string;
  bannerText?: string;
  bannerUrl?: string;
}

/** The home page's pinned stories, the order of sections, the breaking banner (editors). */
export async function homeCurationRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);

  const id = { type: 'integer', minimum: 1 } as const;
  const position = { type: 'integer', minimum: 1, maximum: 1000 } as const;
  const searchQuery = {
    type: 'object',
    properties: {
      saved: { type: 'string', maxLength: 10 },
      q: { type: 'string', maxLength: 200 },
      did: { type: 'string', enum: ['added', 'removed', 'moved', 'replaced', 'unchanged'] },
      story: id,
      from: position,
      to: position,
    },
  } as const;
  type SavedQuery = { saved?: string; q?: string; did?: PinChange['kind']; story?: number; from?: number; to?: number };

  /** What the pins' save did, in words (the story named by its headline when it is still pinned or found). */
  const pinNotice = (request: FastifyRequest, query: SavedQuery, headlineOf: (id: number) => string | undefined): string => {
    const v = view(request);
    const r = newsroomRestMessages(v.lang);
    const headline = query.story !== undefined ? headlineOf(query.story) : undefined;
    if (query.did === 'added' && headline !== undefined && query.to !== undefined) return r.pinAdded(headline, query.to);
    if (query.did === 'removed' && headline !== undefined) return r.pinRemoved(headline);
    if (query.did === 'moved' && headline !== undefined && query.from !== undefined && query.to !== undefined) return r.pinMoved(headline, query.from, query.to);
    if (query.did === 'unchanged') return r.pinsUnchanged;
    if (query.did === 'replaced') return r.pinsReordered;
    return v.t.pinsSaved;
  };

  app.get<{ Querystring: SavedQuery }>('/home', { ...requirePermission('home.curate'), schema: { querystring: searchQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim();
    const s = await homeCurationState(deps.db, actor(request), q, undefined, request.query.did === 'removed' ? request.query.story : undefined);
    const v = view(request);
    const saved = request.query.saved;
    const headlineOf = (articleId: number) => [...s.pinned, ...s.found, ...(s.removed ? [s.removed] : [])].find((r) => r.id === articleId)?.headline;
    const notice = saved !== undefined ? { kind: 'ok' as const, text: saved === 'pins' ? pinNotice(request, request.query, headlineOf) : v.t.homeSaved } : undefined;
    return html(reply, <HomeCurationPage v={v} r={newsroomRestMessages(v.lang)} {...s} q={q} {...(notice && { notice })} />);
  });

  /** Where a save of the pins lands: the page, saying what it did. */
  const savedPins = (change: PinChange, q: string) => {
    const p = new URLSearchParams({ saved: 'pins', did: change.kind });
    if (change.kind === 'added') p.set('to', String(change.position));
    if (change.kind === 'moved') {
      p.set('from', String(change.from));
      p.set('to', String(change.to));
    }
    if (change.kind === 'added' || change.kind === 'removed' || change.kind === 'moved') p.set('story', String(change.articleId));
    if (q) p.set('q', q);
    return `/newsroom/home?${p.toString()}`;
  };

  const pinsBody = { type: 'object', required: ['pins'], properties: { pins: idListField, moved: { type: 'string', pattern: '^[0-9]{1,10}$' }, q: { type: 'string', maxLength: 200 } } } as const;

  // The pins as a whole new list: adding, moving (↑ ↓ or a drag) and removing one are the same save.
  app.post<{ Body: { pins: string; moved?: string; q?: string } }>('/home/pins', { ...requirePermission('home.curate'), schema: { body: pinsBody } }, async (request, reply) => {
    const v = view(request);
    const q = (request.body.q ?? '').trim();
    const pins = idList(request.body.pins);
    let change: PinChange;
    try {
      change = await setHomePins(domain, { actor: actor(request), articleIds: pins, ...(request.body.moved && { moved: Number(request.body.moved) }) });
    } catch (err) {
      if (!(err instanceof PinError)) throw err;
      const s = await homeCurationState(deps.db, actor(request), q);
      const text = err.reason === 'unknown' ? v.t.pinUnknown(err.articleId) : v.t.pinNotPublic(err.articleId);
      return html(reply, <HomeCurationPage v={v} r={newsroomRestMessages(v.lang)} {...s} q={q} notice={{ kind: 'error', text }} />, 400);
    }
    return reply.redirect(savedPins(change, q), 303);
  });

  app.post<{ Body: CurationForm }>('/home', { ...requirePermission('home.curate'), schema: { body: curationBody } }, async (request, reply) => {
    const who = actor(request);
    const v = view(request);
    const text = (request.body.bannerText ?? '').trim();
    const url = (request.body.bannerUrl ?? '').trim();
    try {
      await curateHome(domain, { actor: who, articleIds: idList(request.body.pins), banner: text ? { text, ...(url && { url }) } : null });
    } catch (err) {
      // Said on the page, with what was typed kept, never a 500.
      const message = err instanceof PinError ? (err.reason === 'unknown' ? v.t.pinUnknown(err.articleId) : v.t.pinNotPublic(err.articleId)) : err instanceof SettingsError ? v.t.bannerInvalid : undefined;
      if (message === undefined) throw err;
      const s = await homeCurationState(deps.db, who, undefined, idList(request.body.pins));
      return html(reply, <HomeCurationPage v={v} r={newsroomRestMessages(v.lang)} {...s} q="" banner={text ? { text, ...(url && { url }) } : null} notice={{ kind: 'error', text: message }} />, 400);
    }
    return reply.redirect('/newsroom/home?saved=1', 303);
  });
}
