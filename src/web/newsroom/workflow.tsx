import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../content/policies.js';
import type { WriterDeps } from '../../newsroom/articleWriter.js';
import { openEditor } from '../../newsroom/newsroomQueries.js';
import { PublishBlockedError, WorkflowError, type WorkflowStep } from '../../newsroom/publishing.js';
import { archiveArticle } from '../../newsroom/commands/archiveArticle.js';
import { correctArticle } from '../../newsroom/commands/correctArticle.js';
import { discardChanges } from '../../newsroom/commands/discardChanges.js';
import { embargoArticle } from '../../newsroom/commands/embargoArticle.js';
import { publishArticle } from '../../newsroom/commands/publishArticle.js';
import { publishChanges } from '../../newsroom/commands/publishChanges.js';
import { restoreRevision } from '../../newsroom/commands/restoreRevision.js';
import { returnToDraft } from '../../newsroom/commands/returnToDraft.js';
import { scheduleArticle } from '../../newsroom/commands/scheduleArticle.js';
import { sendBackArticle } from '../../newsroom/commands/sendBackArticle.js';
import { submitArticle } from '../../newsroom/commands/submitArticle.js';
import { unpublishArticle } from '../../newsroom/commands/unpublishArticle.js';
import { workflowMessages } from '../../i18n/workflow.js';
import { wantsJson } from '../plugins/errors.js';
import { id } from '../schemas.js';
import { actor, newsroomView, type NewsroomDeps } from './context.js';
import type { EditorNotice, PendingConfirmation } from './views/EditorPage.js';
import { notifySubmitted } from '../../newsroom/notifications.js';
import { peopleDeps } from './people.js';
import { sendEditor } from './editorView.js';

/** `2026-11-27T18:30` typed in the newsroom means India time. */
export function parseIstLocal(raw: string | undefined): Date | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(raw)) return undefined;
  const d = new Date(`${raw}:00+05:30`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

interface ActionForm {
  /** Schedule, embargo: when (India time). */
  at?: string;
  /** Correct: the note readers see; send back: the note for the writer. */
  note?: string;
  /** Restore: the revision to put back, and the version it is restored over. */
  version?: number;
  baseVersion?: number;
  /** `1` once the person confirmed: a destructive step, or publishing despite warnings. */
  confirmed?: string;
}

type Domain = WriterDeps;

const when = (body: ActionForm) => {
  const at = parseIstLocal(body.at);
  if (!at) throw new WorkflowError({ code: 'badTime' });
  return at;
};

const askAboutWarnings = (body: ActionForm) => body.confirmed !== '1';

const actions: Record<WorkflowStep, (domain: Domain, actor: Actor, id: number, body: ActionForm) => Promise<unknown>> = {
  submit: (domain, actor, articleId) => submitArticle(domain, { actor, articleId }),
  publish: (domain, actor, articleId, body) => publishArticle(domain, { actor, articleId, askAboutWarnings: askAboutWarnings(body) }),
  schedule: (domain, actor, articleId, body) => scheduleArticle(domain, { actor, articleId, when: when(body), askAboutWarnings: askAboutWarnings(body) }),
  embargo: (domain, actor, articleId, body) => embargoArticle(domain, { actor, articleId, when: when(body), askAboutWarnings: askAboutWarnings(body) }),
  unpublish: (domain, actor, articleId) => unpublishArticle(domain, { actor, articleId }),
  archive: (domain, actor, articleId) => archiveArticle(domain, { actor, articleId }),
  draft: (domain, actor, articleId) => returnToDraft(domain, { actor, articleId }),
  correct: (domain, actor, articleId, body) => correctArticle(domain, { actor, articleId, note: body.note ?? '' }),
  update: (domain, actor, articleId, body) =>
    publishChanges(domain, { actor, articleId, askAboutWarnings: askAboutWarnings(body), ...(body.version !== undefined && { baseVersion: body.version }) }),
  discard: (domain, actor, articleId) => discardChanges(domain, { actor, articleId }),
  restore: (domain, actor, articleId, body) => {
    if (body.version === undefined || body.baseVersion === undefined) throw new WorkflowError({ code: 'noRevision' });
    return restoreRevision(domain, { actor, articleId, version: body.version, baseVersion: body.baseVersion });
  },
  sendBack: (domain, actor, articleId, body) => sendBackArticle(domain, { actor, articleId, note: body.note ?? '' }),
};

/** Steps that take something away or cannot be taken back at a click: asked before they run. */
const destructive: ReadonlySet<WorkflowStep> = new Set(['unpublish', 'archive', 'discard', 'restore']);

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
    confirmed: { type: 'string', maxLength: 1 },
  },
} as const;

/** The workflow buttons of the editor page: submit, publish, schedule, embargo, unpublish, archive, back to draft, correct, update and discard a live story's pending change, restore, send back with a note. */
export async function workflowRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const domain = { db: deps.db, feed: deps.feed };
  const view = newsroomView(deps.site);

  const editor = async (request: FastifyRequest, reply: FastifyReply, articleId: number, extra: { notice?: EditorNotice; confirm?: PendingConfirmation }, status: number) => {
    const e = await openEditor(deps.db, actor(request), articleId);
    return sendEditor(deps, request, reply, e, extra, status);
  };

  app.post<{ Params: { id: number; action: WorkflowStep }; Body: ActionForm }>(
    '/articles/:id/:action',
    { schema: { params: actionParams, body: actionBody } },
    async (request, reply) => {
      const { id: articleId, action } = request.params;
      const body = request.body ?? {};
      const who = actor(request);
      const w = workflowMessages(view(request).lang);
      // Without the editor script's dialog, the confirmation is a page of its own (asked only of
      // someone who may take the step; anyone else gets the command's refusal).
      if (destructive.has(action) && body.confirmed !== '1') {
        const { rights } = await openEditor(deps.db, who, articleId);
        if (action === 'unpublish' || action === 'archive' ? rights.unpublish : rights.edit) {
          return editor(request, reply, articleId, { confirm: { step: action, fields: body, warnings: [] } }, 200);
        }
      }
      try {
        await actions[action](domain, who, articleId, body);
      } catch (err) {
        // Scripts asking for JSON get the error handler's JSON (problem codes and their wording).
        if (wantsJson(request)) throw err;
        if (err instanceof PublishBlockedError) {
          const reasons = err.problems.map((p) => w.publishProblem(p));
          if (err.confirmable) return editor(request, reply, articleId, { confirm: { step: action, fields: body, warnings: reasons } }, 200);
          return editor(request, reply, articleId, { notice: { kind: 'error', text: w.blocked(action, reasons) } }, 400);
        }
        if (err instanceof WorkflowError) return editor(request, reply, articleId, { notice: { kind: 'error', text: w.workflowProblem(err.problem) } }, 400);
        throw err;
      }
      // Editors hear of a submission after it committed; the writer does not wait for the mail.
      if (action === 'submit') notifySubmitted(peopleDeps(deps, request), { actor: who, articleId }).catch((err: unknown) => request.log.error({ err }, 'submission notice failed'));
      const query = new URLSearchParams({ done: action });
      if (action === 'restore' && body.version !== undefined) query.set('v', String(body.version));
      return reply.redirect(`/newsroom/articles/${articleId}/edit?${query.toString()}`, 303);
    },
  );
}
