import type { FastifyInstance } from 'fastify';
import type { ArticleKind, ArticleStatus } from '../../db/schema.js';
import { newsroomMessages } from '../../i18n/newsroom.js';
import { articleListChoices, newsroomArticles } from '../../newsroom/newsroomQueries.js';
import { sendPage as html } from '../html.js';
import { id } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { ArticleListPage } from './views/ArticleListPage.js';

const statuses = Object.keys(newsroomMessages('gu').statuses) as ArticleStatus[];
/** The filter form sends every field; an empty one means "any". */
const anyOr = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'string', maxLength: 0 }] }) as const;

const listQuery = {
  type: 'object',
  properties: {
    status: anyOr({ type: 'string', enum: statuses }),
    kind: anyOr({ type: 'string', enum: ['story', 'page'] }),
    section: anyOr(id),
    author: anyOr(id),
    q: { type: 'string', maxLength: 1000 },
  },
} as const;

interface ListQuery {
  status?: ArticleStatus | '';
  kind?: ArticleKind | '';
  section?: number | '';
  author?: number | '';
  q?: string;
}

/** Stories this person may see, filtered by state, section, byline and words. */
export async function articleListRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);
  app.get<{ Querystring: ListQuery }>('/articles', { schema: { querystring: listQuery } }, async (request, reply) => {
    const q = request.query;
    const filters = {
      ...(q.status && { status: q.status }),
      ...(q.kind && { kind: q.kind }),
      ...(typeof q.section === 'number' && { sectionId: q.section }),
      ...(typeof q.author === 'number' && { personId: q.author }),
      ...(q.q && { q: q.q.slice(0, 200) }),
    };
    const [rows, { sections, people }] = await Promise.all([newsroomArticles(db, actor(request), filters), articleListChoices(db)]);
    return html(reply, <ArticleListPage v={view(request)} rows={rows} sections={sections} people={people} filters={filters} />);
  });
}
