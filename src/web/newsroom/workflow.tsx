import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../content/policies.js';
import type { WriterDeps } from '../../newsroom/articleWriter.js';
import { openEditor } from '../../newsroom/newsroomQueries.js';
import { PublishBlockedError, WorkflowError } from '../../newsroom/publishing.js';
import { archiveArticle } from '../../newsroom/commands/archiveArticle.js';
import { correctArticle } from '../../newsroom/commands/correctArticle.js';
import { discardChanges } from '../../newsroom/commands/discardChanges.js';
import { embargoArticle } from '../../newsroom/commands/embargoArticle.js';
import { publishArticle } from '../../newsroom/commands/publishArticle.js';
import { publishChanges } from '../../newsroom/commands/publishChanges.js';
import { restoreRevision } from '../../newsroom/commands/restoreRevision.js';
import { returnToDraft } from '../../newsroom/commands/returnToDraft.js';
import { scheduleArticle } from '../../newsroom/commands/scheduleArticle.js';
import { submitArticle } from '../../newsroom/commands/submitArticle.js';
import { unpublishArticle } from '../../newsroom/commands/unpublishArticle.js';
import { sendPage as html } from '../html.js';
import { id } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { EditorPage } from './views/EditorPage.js';
import { featuredImageProps } from './media.js';

/** `2026-11-27T18:30` typed in the newsroom means India time. */
export function parseIstLocal(raw: string | undefined): Date | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)) return undefined;
  const d = new Date(`${raw}:00+05:30`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

interface ActionForm {
  /** Schedule, embargo: when (India time). */
  at?: string;
  /** Correct: the note readers see. */
  note?: string;
  /** Restore: the revision to put back, and the version it is restored over. */
  version?: number;
  baseVersion?: number;
}

type Domain = WriterDeps;

const actions: Record<string, (domain: Domain, actor: Actor, id: number, body: ActionForm) => Promise<unknown>> = {
  submit: (domain, actor, articleId) => submitArticle(domain, { actor, articleId }),
  publish: (domain, actor, articleId) => publishArticle(domain, { actor, articleId }),
  schedule: (domain, actor, articleId, body) => {
    const when = parseIstLocal(body.at);
    if (!when) throw new WorkflowError('give the time as YYYY-MM-DDTHH:MM (India time)');
    return scheduleArticle(domain, { actor, articleId, when });
  },
  embargo: (domain, actor, articleId, body) => {
    const when = parseIstLocal(body.at);
    if (!when) throw new WorkflowError('give the time as YYYY-MM-DDTHH:MM (India time)');
    return embargoArticle(domain, { actor, articleId, when });
  },
  unpublish: (domain, actor, articleId) => unpublishArticle(domain, { actor, articleId }),
  archive: (domain, actor, articleId) => archiveArticle(domain, { actor, articleId }),
  draft: (domain, actor, articleId) => returnToDraft(domain, { actor, articleId }),
  correct: (domain, actor, articleId, body) => correctArticle(domain, { actor, articleId, note: body.note ?? '' }),
  update: (domain, actor, articleId, body) => publishChanges(domain, { actor, articleId, ...(body.version !== undefined && { baseVersion: body.version }) }),
  discard: (domain, actor, articleId) => discardChanges(domain, { actor, articleId }),
  restore: (domain, actor, articleId, body) => {
    if (body.version === undefined || body.baseVersion === undefined) throw new WorkflowError('say which revision to restore, over which version');
    return restoreRevision(domain, { actor, articleId, version: body.version, baseVersion: body.baseVersion });
  },
};

const actionParams = {
  type: 'object',
  required: ['id', 'action'],
  properties: { id, action: { type: 'string', enum: Object.keys(actions) } },
} as const;

const actionBody = {
  // A script may post with the CSRF header and no body at all.
  type: ['object', 'null'],
  properties: {
    at: { type: 'string', maxLength: 40 },
    note: { type: 'string', maxLength: 2000 },
    version: id,
    baseVersion: id,
  },
} as const;

/** The workflow buttons of the editor page: submit, publish, schedule, embargo, unpublish, archive, back to draft, correct, update and discard a live story's pending change, restore. */
export async function workflowRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);

  app.post<{ Params: { id: number; action: string }; Body: ActionForm }>(
    '/articles/:id/:action',
    { schema: { params: actionParams, body: actionBody } },
    async (request, reply) => {
      const { id: articleId, action } = request.params;
      const who = actor(request);
      try {
        await actions[action]!(domain, who, articleId, request.body ?? {});
      } catch (err) {
        if (err instanceof WorkflowError || err instanceof PublishBlockedError) {
          const e = await openEditor(deps.db, who, articleId);
          const notice = { kind: 'error' as const, text: err.message };
          const image = await featuredImageProps(deps.db, who, e.article.featuredMediaId);
          return html(reply, <EditorPage v={view(request)} a={e.article} sections={e.sections} people={e.people} rights={e.rights} {...image} {...(e.holder && { holder: e.holder })} notice={notice} />, 400);
        }
        throw err;
      }
      return reply.redirect(`/newsroom/articles/${articleId}/edit?saved=1`, 303);
    },
  );
}
