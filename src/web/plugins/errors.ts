import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { acceptedLocale, errorMessages, type ErrorMessages, type InputRule } from '../../i18n/errors.js';
import type { UiLocale } from '../../i18n/messages.js';
import { newsroomMessages } from '../../i18n/newsroom.js';
import { workflowMessages } from '../../i18n/workflow.js';
import { isDatabaseUnavailable } from '../../db/connect.js';
import { NotAllowedError } from '../../content/policies.js';
import { EditConflictError, EditInputError } from '../../newsroom/articleInput.js';
import { PublishBlockedError, WorkflowError } from '../../newsroom/publishing.js';
import { PersonError } from '../../newsroom/profiles.js';
import { peopleMessages } from '../../i18n/people.js';
import { mediaMessages } from '../../i18n/media.js';
import { UploadError } from '../../media/upload.js';
import type { SiteState } from '../site.js';

/**
 * Every error answer Khabar gives, in one place: the reader's pages, the content API's JSON,
 * WordPress's JSON shape, the newsroom's pages and JSON. Each surface registers its own
 * handlers (they are encapsulated), built here, so the wording and the status codes agree.
 * Messages come from src/i18n in the person's language: the signed-in person's choice, else
 * what the browser asks for (Accept-Language), else the site's language.
 */

/** An answer decided before a handler runs (sign-in, CSRF): a status, a code and a message. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function requestLocale(request: FastifyRequest, fallback: UiLocale): UiLocale {
  return request.user?.uiLocale ?? acceptedLocale(request.headers['accept-language']) ?? fallback;
}

export interface Described {
  status: number;
  code: string;
  message: string;
}

type AnyError = FastifyError | (Error & { statusCode?: number; code?: string; validation?: unknown });

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** The value the request carried at a schema path (`/id` in params, `/edit/headline` in the body). */
function valueAt(request: FastifyRequest, context: string | undefined, path: string): unknown {
  const source: unknown = context === 'params' ? request.params : context === 'querystring' ? request.query : context === 'headers' ? request.headers : request.body;
  return path
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), source);
}

function ruleOf(issue: ValidationIssue): InputRule {
  const limit = Number(issue.params.limit);
  switch (issue.keyword) {
    case 'type': {
      const type = String(issue.params.type).split(',')[0];
      return type === 'integer' || type === 'number' || type === 'boolean' || type === 'string' ? { kind: type } : type === 'array' ? { kind: 'list' } : { kind: 'shape' };
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return { kind: 'min', limit };
    case 'maximum':
    case 'exclusiveMaximum':
      return { kind: 'max', limit };
    case 'minLength':
      return { kind: 'minLength', limit };
    case 'maxLength':
      return { kind: 'maxLength', limit };
    case 'maxItems':
      return { kind: 'maxItems', limit };
    case 'enum':
      return { kind: 'oneOf', values: (issue.params.allowedValues as unknown[]).map(String) };
    case 'format':
      return { kind: 'format', format: String(issue.params.format) };
    default:
      return { kind: 'shape' };
  }
}

/** A schema refusal in words: which parameter, what was sent, what is wanted. */
function validationMessage(error: AnyError, request: FastifyRequest, t: ErrorMessages): string {
  const issue = (error as { validation: ValidationIssue[] }).validation[0];
  const context = (error as { validationContext?: string }).validationContext;
  if (!issue) return t.unreadableBody;
  if (issue.keyword === 'required') {
    return t.missing([issue.instancePath.split('/').filter(Boolean).join('.'), String(issue.params.missingProperty)].filter(Boolean).join('.'));
  }
  if (issue.keyword === 'additionalProperties') return t.notAccepted(String(issue.params.additionalProperty));
  const name = issue.instancePath.split('/').filter(Boolean).join('.') || (context ?? 'body');
  const raw = valueAt(request, context, issue.instancePath);
  const value = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? '';
  return t.invalid(name, value.length > 80 ? `${value.slice(0, 80)}…` : value, ruleOf(issue));
}

/**
 * What a framework refusal means (schema, body parser, size, rate limit), in the person's
 * language; undefined for our own faults (answered 500, and logged by the caller).
 */
export function describeError(error: AnyError, request: FastifyRequest, t: ErrorMessages): Described | undefined {
  if (error instanceof HttpError) return { status: error.statusCode, code: error.code, message: error.message };
  if (error.validation) return { status: 400, code: 'invalid', message: validationMessage(error, request, t) };
  // The database away (PostgreSQL restarting): 503 at once; cached pages go on being served.
  if (isDatabaseUnavailable(error)) return { status: 503, code: 'unavailable', message: t.unavailable };
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  if (status === 413) return { status, code: 'too_large', message: t.tooLarge };
  if (status === 415 || status === 406) return { status, code: 'unsupported_type', message: t.unsupportedType };
  if (status === 429) return { status, code: 'rate_limited', message: t.rateLimited };
  if (status === 404) return { status, code: 'not_found', message: t.notFound };
  return { status, code: 'bad_request', message: t.unreadableBody };
}

const json = 'application/json; charset=utf-8';

/** The content API's error body: a machine-readable code and a sentence naming what was wrong. */
export function apiError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header('content-type', json).header('cache-control', 'no-store').send({ error: code, message });
}

/** Messages for an API request: the language the client asks for, else the site's. */
export function apiMessages(request: FastifyRequest, site: SiteState): ErrorMessages {
  return errorMessages(requestLocale(request, site.siteSettings.locale));
}

function apiAnswer(error: AnyError, request: FastifyRequest, reply: FastifyReply, site: SiteState): FastifyReply {
  const t = apiMessages(request, site);
  const d = describeError(error, request, t);
  if (!d) {
    request.log.error({ err: error }, 'API request failed');
    return apiError(reply, 500, 'internal', t.internal);
  }
  if (d.status === 503) reply.header('retry-after', '10');
  return apiError(reply, d.status, d.code, d.message);
}

function noApiRoute(request: FastifyRequest, reply: FastifyReply, site: SiteState): FastifyReply {
  return apiError(reply, 404, 'not_found', apiMessages(request, site).noRoute(request.method, request.url.split('?')[0] ?? ''));
}

/** `/api/v1`: JSON errors for everything under the prefix, unknown routes included. */
export function jsonErrors(app: FastifyInstance, site: SiteState): void {
  app.setErrorHandler(async (error: AnyError, request, reply) => apiAnswer(error, request, reply, site));
  app.setNotFoundHandler(async (request, reply) => noApiRoute(request, reply, site));
}

/** WordPress's error body (`rest_…` codes), which its clients read. */
export class WpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const wpCodes: Record<string, string> = { invalid: 'rest_invalid_param', not_found: 'rest_no_route' };

/** `/wp-json`: errors and unknown routes in WordPress's shape, messages in the site's language as WordPress does. */
export function wordpressErrors(app: FastifyInstance, site: SiteState): void {
  const send = (reply: FastifyReply, status: number, code: string, message: string) =>
    reply.code(status).header('content-type', json).header('cache-control', 'no-store').send({ code, message, data: { status } });
  app.setErrorHandler(async (error: AnyError, request, reply) => {
    if (error instanceof WpApiError) return send(reply, error.status, error.code, error.message);
    const t = apiMessages(request, site);
    const d = describeError(error, request, t);
    if (!d) {
      request.log.error({ err: error }, 'wp-json request failed');
      return send(reply, 500, 'internal_server_error', t.internal);
    }
    if (d.status === 503) reply.header('retry-after', '10');
    const message = d.code === 'invalid' ? t.wp.invalidParam(d.message) : d.message;
    return send(reply, d.status, wpCodes[d.code] ?? `rest_${d.code}`, message);
  });
  app.setNotFoundHandler(async (request, reply) => send(reply, 404, 'rest_no_route', apiMessages(request, site).wp.noRoute));
}

/** How the newsroom shows an error page (its layout, in the person's language). */
export type NewsroomErrorPage = (request: FastifyRequest, reply: FastifyReply, status: number, message: string) => FastifyReply;

/** Scripts (the editor's JSON routes) and clients that ask for JSON get JSON; forms get a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/newsroom/api/') || (request.headers.accept ?? '').includes('application/json');
}

/**
 * `/newsroom`: a policy refusal is 403, a concurrent save 409 with what changed, a domain's
 * refusal of the input 400 with its reason, the framework's refusals as described above.
 */
export function newsroomErrors(app: FastifyInstance, page: NewsroomErrorPage): void {
  app.setErrorHandler(async (error: AnyError, request, reply) => {
    const locale = requestLocale(request, 'gu');
    const t = errorMessages(locale);
    const w = workflowMessages(locale);
    let status: number;
    let body: Record<string, unknown>;
    if (error instanceof NotAllowedError) {
      status = 403;
      body = { error: 'forbidden', message: t.forbidden(error.action) };
    } else if (error instanceof EditConflictError) {
      status = 409;
      const message = newsroomMessages(locale).conflict(error.changedBy ?? w.someone);
      body = { error: 'conflict', message, currentVersion: error.currentVersion, changedBy: error.changedBy, changes: error.changes };
    } else if (error instanceof PersonError) {
      status = error.problem.code === 'notFound' ? 404 : 400;
      // PeopleError (accounts) is a PersonError too: worded here, never its English message.
      body = { error: 'invalid', message: peopleMessages(locale).problem(error.problem) };
    } else if (error instanceof WorkflowError) {
      status = 400;
      body = { error: 'invalid', problem: error.problem, message: w.workflowProblem(error.problem) };
    } else if (error instanceof PublishBlockedError) {
      status = 400;
      body = { error: 'blocked', problems: error.problems, confirmable: error.confirmable, message: w.blocked(error.step, error.problems.map((p) => w.publishProblem(p))) };
    } else if (error instanceof EditInputError) {
      status = 400;
      body = { error: 'invalid', problem: error.problem, message: w.editProblem(error.problem) };
    } else if (error instanceof UploadError) {
      status = error.problem.code === 'tooLarge' ? 413 : error.problem.code === 'tooManyPixels' ? 422 : 400;
      body = { error: error.problem.code, message: mediaMessages(locale).problem(error.file, error.problem) };
    } else {
      const d = describeError(error, request, t);
      if (d) {
        status = d.status;
        body = { error: d.code, message: d.message };
        if (status === 503) reply.header('retry-after', '10');
      } else {
        request.log.error({ err: error }, 'newsroom request failed');
        status = 500;
        body = { error: 'internal', message: t.internal };
      }
    }
    if (wantsJson(request)) return reply.code(status).header('cache-control', 'no-store').send(body);
    return page(request, reply, status, String(body.message));
  });
  app.setNotFoundHandler(async (request, reply) => {
    const t = errorMessages(requestLocale(request, 'gu'));
    if (wantsJson(request)) return reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found', message: t.notFound });
    return page(request, reply, 404, t.notFound);
  });
}

/** How the reader site shows its error pages (its layout, in the site's language). */
export interface ReaderErrorPages {
  /** A stored redirect if one matches, else the 404 page. */
  notFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  /** 500 for our faults; 4xx keep their status and say what was wrong. */
  error(request: FastifyRequest, reply: FastifyReply, status: number, message?: string): FastifyReply;
}

/**
 * The app's own handlers (not encapsulated): the reader's pages answer anything no surface
 * claims, except paths under `/api/`, which get JSON even outside `/api/v1`.
 */
export const errorsPlugin = fp(async (app: FastifyInstance, o: { site: SiteState; pages: ReaderErrorPages }) => {
  const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');
  app.setNotFoundHandler(async (request, reply) => (isApi(request) ? noApiRoute(request, reply, o.site) : o.pages.notFound(request, reply)));
  app.setErrorHandler(async (error: AnyError, request, reply) => {
    if (isApi(request)) return apiAnswer(error, request, reply, o.site);
    const d = describeError(error, request, errorMessages(o.site.siteSettings.locale));
    if (!d) {
      request.log.error({ err: error }, 'request failed');
      return o.pages.error(request, reply, 500);
    }
    if (d.status === 404) return o.pages.notFound(request, reply);
    if (d.status === 503) reply.header('retry-after', '10');
    return o.pages.error(request, reply, d.status, d.message);
  });
});
