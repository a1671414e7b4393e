import type { FastifyInstance } from 'fastify';
import type { ArticleKind, ArticleStatus } from '../../db/schema.js';
import { can } from '../../content/policies.js';
import { newsroomMessages } from '../../i18n/newsroom.js';
import { deskMessages } from '../../i18n/desk.js';
import { articleListChoices, newsroomArticlePage, type NewsroomFilter } from '../../newsroom/newsroomQueries.js';
import { bulkActions, bulkArticles, type BulkAction, type BulkOperation } from '../../newsroom/commands/bulkArticles.js';
import { sendPage as html } from '../html.js';
import { id } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { ArticleListPage, BulkConfirmPage, BulkResultPage, listQueryString, type ListFilters } from './views/ArticleListPage.js';

const statuses = Object.keys(newsroomMessages('gu').statuses) as ArticleStatus[];
/** The filter form sends every field; an empty one means "any". */
const anyOr = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'string', maxLength: 0 }] }) as const;
const day = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;

/** The list's filters; a new filter is one property here, one in `filtersOf` and one field in the form. */
const listProperties = {
  status: anyOr({ type: 'string', enum: statuses }),
  kind: anyOr({ type: 'string', enum: ['story', 'page'] }),
  section: anyOr(id),
  author: anyOr(id),
  q: { type: 'string', maxLength: 1000 },
  from: anyOr(day),
  to: anyOr(day),
  page: { type: 'integer', minimum: 1, maximum: 100_000 },
} as const;

interface ListQuery {
  status?: ArticleStatus | '';
  kind?: ArticleKind | '';
  section?: number | '';
  author?: number | '';
  q?: string;
  from?: string;
  to?: string;
  page?: number;
}

const PER_PAGE = 50;
const DAY_MS = 86_400_000;
/** A calendar day in India as the instant it starts. */
const istDayStart = (d: string) => new Date(`${d}T00:00:00+05:30`);

function filtersOf(q: ListQuery): { shown: ListFilters; query: NewsroomFilter } {
  const words = q.q?.trim().slice(0, 200);
  const shown: ListFilters = {
    ...(q.status && { status: q.status }),
    ...(q.kind && { kind: q.kind }),
    ...(typeof q.section === 'number' && { sectionId: q.section }),
    ...(typeof q.author === 'number' && { personId: q.author }),
    ...(words && { q: words }),
    ...(q.from && !Number.isNaN(istDayStart(q.from).getTime()) && { from: q.from }),
    ...(q.to && !Number.isNaN(istDayStart(q.to).getTime()) && { to: q.to }),
  };
  const { from, to, ...rest } = shown;
  const query: NewsroomFilter = {
    ...rest,
    ...(from && { changedFrom: istDayStart(from) }),
    ...(to && { changedBefore: new Date(istDayStart(to).getTime() + DAY_MS) }),
  };
  return { shown, query };
}

const bulkBody = {
  type: ['object', 'null'],
  properties: {
    action: { type: 'string', enum: bulkActions },
    ids: { type: 'array', items: id, maxItems: 500 },
    section: anyOr(id),
    tag: { type: 'string', maxLength: 100 },
    confirm: { type: 'string', maxLength: 1 },
  },
} as const;

interface BulkBody {
  action?: BulkAction;
  ids?: number[];
  section?: number | '';
  tag?: string;
  confirm?: string;
}

/** Stories this person may see, filtered by state, section, byline, date and words, a page at a time; bulk actions on them. */
export async function articleListRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);

  const listPage = async (request: Parameters<typeof actor>[0], q: ListQuery, notice?: { kind: 'error' | 'ok'; text: string }) => {
    const { shown, query } = filtersOf(q);
    const who = actor(request);
    const [list, { sections, people }] = await Promise.all([newsroomArticlePage(db, who, query, q.page ?? 1, PER_PAGE), articleListChoices(db, query.personId)]);
    return (
      <ArticleListPage v={view(request)} list={list} sections={sections} people={people} filters={shown} bulk={can(who, 'article.editOwn')} {...(notice && { notice })} />
    );
  };

  app.get<{ Querystring: ListQuery }>('/articles', { schema: { querystring: { type: 'object', properties: listProperties } } }, async (request, reply) =>
    html(reply, await listPage(request, request.query)),
  );

  app.post<{ Body: BulkBody | null; Querystring: ListQuery }>(
    '/articles/bulk',
    { schema: { body: bulkBody, querystring: { type: 'object', properties: listProperties } } },
    async (request, reply) => {
      const v = view(request);
      const d = deskMessages(v.lang);
      const body = request.body ?? {};
      const back = listQueryString(filtersOf(request.query).shown, request.query.page);
      const ids = body.ids ?? [];
      const again = async (text: string) => html(reply, await listPage(request, request.query, { kind: 'error', text }), 400);
      if (!body.action || ids.length === 0) return again(d.noneSelected);
      const action = body.action;
      let operation: BulkOperation;
      let target = '';
      if (action === 'move') {
        if (typeof body.section !== 'number') return again(d.needSection);
        const section = await articleListChoices(db).then((c) => c.sections.find((s) => s.id === body.section));
        if (!section) return again(d.needSection);
        operation = { action, sectionId: section.id };
        target = section.name;
      } else if (action === 'tag') {
        const tagName = (body.tag ?? '').trim();
        if (!tagName) return again(d.needTag);
        operation = { action, tagName };
        target = tagName;
      } else operation = { action };

      if (body.confirm !== '1') {
        const { rows } = await newsroomArticlePage(db, actor(request), { ids }, 1, ids.length);
        return html(
          reply,
          <BulkConfirmPage
            v={v}
            action={action}
            stories={ids.map((i) => rows.find((r) => r.id === i) ?? { id: i, headline: '' })}
            {...(operation.action === 'move' && { sectionId: operation.sectionId })}
            {...(operation.action === 'tag' && { tag: operation.tagName })}
            target={target}
            back={back}
          />,
        );
      }
      const result = await bulkArticles({ db, feed: deps.feed }, { actor: actor(request), articleIds: ids, operation });
      if (request.headers.accept?.includes('application/json')) return result;
      return html(
        reply,
        <BulkResultPage v={v} action={action} done={result.done} refused={result.refused.map((r) => ({ id: r.id, headline: r.headline, reason: r.refusal ? d.refusal(r.refusal) : '' }))} back={back} />,
      );
    },
  );
}
