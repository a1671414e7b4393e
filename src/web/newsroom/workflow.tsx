import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../newsroom/policies.js';
import { restoreRevision } from '../../newsroom/editArticle.js';
import { openEditor } from '../../newsroom/newsroomQueries.js';
import { publishArticle, PublishBlockedError } from '../../newsroom/publishArticle.js';
import {
  archiveArticle,
  correctArticle,
  embargoArticle,
  returnToDraft,
  scheduleArticle,
  submitArticle,
  unpublishArticle,
  WorkflowError,
} from '../../newsroom/workflow.js';
import { sendPage as html } from '../html.js';
import { id } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import { EditorPage } from './views/EditorPage.js';

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

type Domain = Parameters<typeof submitArticle>[0];

const actions: Record<string, (domain: Domain, actor: Actor, id: number, body: ActionForm) => Promise<unknown>> = {
  submit: (domain, actor, id) => submitArticle(domain, actor, id),
  publish: (domain, actor, id) => publishArticle(domain, actor, id),
  schedule: (domain, actor, id, body) => {
    const at = parseIstLocal(body.at);
    if (!at) throw new WorkflowError('give the time as YYYY-MM-DDTHH:MM (India time)');
    return scheduleArticle(domain, actor, id, at);
  },
  embargo: (domain, actor, id, body) => {
    const at = parseIstLocal(body.at);
    if (!at) throw new WorkflowError('give the time as YYYY-MM-DDTHH:MM (India time)');
    return embargoArticle(domain, actor, id, at);
  },
  unpublish: (domain, actor, id) => unpublishArticle(domain, actor, id),
  archive: (domain, actor, id) => archiveArticle(domain, actor, id),
  draft: (domain, actor, id) => returnToDraft(domain, actor, id),
  correct: (domain, actor, id, body) => correctArticle(domain, actor, id, body.note ?? ''),
  restore: (domain, actor, id, body) => {
    if (body.version === undefined || body.baseVersion === undefined) throw new WorkflowError('say which revision to restore, over which version');
    return restoreRevision(domain, actor, id, body.version, body.baseVersion);
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

/** The workflow buttons of the editor page: submit, publish, schedule, embargo, unpublish, archive, back to draft, correct, restore. */
export async function workflowRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, events: deps.events };
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
          return html(reply, <EditorPage v={view(request)} a={e.article} sections={e.sections} people={e.people} rights={e.rights} {...(e.holder && { holder: e.holder })} notice={notice} />, 400);
        }
        throw err;
      }
      return reply.redirect(`/newsroom/articles/${articleId}/edit?saved=1`, 303);
    },
  );
}
