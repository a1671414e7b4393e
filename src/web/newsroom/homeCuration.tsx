import type { FastifyInstance } from 'fastify';
import { homeCurationState } from '../../newsroom/newsroomQueries.js';
import { orderSections, setBreakingBanner, setPins } from '../../newsroom/homeCuration.js';
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
  const domain = { db: deps.db, events: deps.events };
  const view = newsroomView(deps.site);

  app.get('/home', requirePermission('home.curate'), async (request, reply) => {
    const s = await homeCurationState(deps.db, actor(request));
    return html(reply, <HomeCurationPage v={view(request)} pins={s.pins} sections={s.sections} banner={s.banner} />);
  });

  app.post<{ Body: CurationForm }>('/home', { ...requirePermission('home.curate'), schema: { body: curationBody } }, async (request, reply) => {
    const who = actor(request);
    await setPins(domain, who, idList(request.body.pins));
    const order = idList(request.body.sectionOrder);
    if (order.length > 0) await orderSections(domain, who, order);
    const text = (request.body.bannerText ?? '').trim();
    const url = (request.body.bannerUrl ?? '').trim();
    await setBreakingBanner(domain, who, text ? { text, ...(url && { url }) } : null);
    return reply.redirect('/newsroom/home', 303);
  });
}
