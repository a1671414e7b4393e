import type { FastifyInstance } from 'fastify';
import { homeCurationState } from '../../newsroom/newsroomQueries.js';
import { orderSections } from '../../newsroom/commands/orderSections.js';
import { setBreakingBanner } from '../../newsroom/commands/setBreakingBanner.js';
import { PinError, setHomePins } from '../../newsroom/commands/setHomePins.js';
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
    sectionOrder: idListField,
    bannerText: { type: 'string', maxLength: 2000 },
    bannerUrl: { type: 'string', maxLength: 2000 },
  },
} as const;

interface CurationForm {
  pins?: string;
  sectionOrder?: string;
  bannerText?: string;
  bannerUrl?: string;
}

/** The home page's pinned stories, the order of sections, the breaking banner (editors). */
export async function homeCurationRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);

  const searchQuery = { type: 'object', properties: { saved: { type: 'string', maxLength: 10 }, q: { type: 'string', maxLength: 200 } } } as const;

  app.get<{ Querystring: { saved?: string; q?: string } }>('/home', { ...requirePermission('home.curate'), schema: { querystring: searchQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim();
    const s = await homeCurationState(deps.db, actor(request), q);
    const v = view(request);
    const saved = request.query.saved;
    const notice = saved !== undefined ? { kind: 'ok' as const, text: saved === 'pins' ? v.t.pinsSaved : v.t.homeSaved } : undefined;
    return html(reply, <HomeCurationPage v={v} {...s} q={q} {...(notice && { notice })} />);
  });

  const pinsBody = { type: 'object', required: ['pins'], properties: { pins: idListField, q: { type: 'string', maxLength: 200 } } } as const;

  // The pins as a whole new list: adding, moving and removing one are the same save.
  app.post<{ Body: { pins: string; q?: string } }>('/home/pins', { ...requirePermission('home.curate'), schema: { body: pinsBody } }, async (request, reply) => {
    const v = view(request);
    const q = (request.body.q ?? '').trim();
    const pins = idList(request.body.pins);
    try {
      await setHomePins(domain, { actor: actor(request), articleIds: pins });
    } catch (err) {
      if (!(err instanceof PinError)) throw err;
      const s = await homeCurationState(deps.db, actor(request), q);
      const text = err.reason === 'unknown' ? v.t.pinUnknown(err.articleId) : v.t.pinNotPublic(err.articleId);
      return html(reply, <HomeCurationPage v={v} {...s} q={q} notice={{ kind: 'error', text }} />, 400);
    }
    return reply.redirect(`/newsroom/home?saved=pins${q ? `&q=${encodeURIComponent(q)}` : ''}`, 303);
  });

  app.post<{ Body: CurationForm }>('/home', { ...requirePermission('home.curate'), schema: { body: curationBody } }, async (request, reply) => {
    const who = actor(request);
    const v = view(request);
    const text = (request.body.bannerText ?? '').trim();
    const url = (request.body.bannerUrl ?? '').trim();
    try {
      await setHomePins(domain, { actor: who, articleIds: idList(request.body.pins) });
      const order = idList(request.body.sectionOrder);
      if (order.length > 0) await orderSections(domain, { actor: who, sectionIds: order });
      await setBreakingBanner(domain, { actor: who, banner: text ? { text, ...(url && { url }) } : null });
    } catch (err) {
      // Said on the page, with what was typed kept, never a 500.
      const message = err instanceof PinError ? (err.reason === 'unknown' ? v.t.pinUnknown(err.articleId) : v.t.pinNotPublic(err.articleId)) : err instanceof SettingsError ? v.t.bannerInvalid : undefined;
      if (message === undefined) throw err;
      const s = await homeCurationState(deps.db, who, undefined, idList(request.body.pins));
      return html(reply, <HomeCurationPage v={v} {...s} q="" banner={text ? { text, ...(url && { url }) } : null} notice={{ kind: 'error', text: message }} />, 400);
    }
    return reply.redirect('/newsroom/home?saved=1', 303);
  });
}
