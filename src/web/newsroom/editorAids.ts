import type { FastifyInstance } from 'fastify';
import { htmlToText } from '../../search/document.js';
import { suggestTags, transliterationCandidates, SPELLCHECK_MAX_TEXT } from '../../search/editorAids.js';
import { tagVocabulary } from '../../newsroom/newsroomQueries.js';
import { requirePermission } from '../plugins/auth.js';
import type { NewsroomDeps } from './context.js';

const suggestBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    headline: { type: 'string', maxLength: 500 },
    dek: { type: 'string', maxLength: 2000 },
    bodyHtml: { type: 'string', maxLength: 2_000_000 },
    text: { type: 'string', maxLength: 2_000_000 },
    exclude: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
  },
} as const;

const transliterateQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: { q: { type: 'string', minLength: 1, maxLength: 60 }, limit: { type: 'integer', minimum: 1, maximum: 20, default: 6 } },
} as const;

const spellcheckBody = {
  type: 'object',
  additionalProperties: false,
  properties: { text: { type: 'string', maxLength: SPELLCHECK_MAX_TEXT }, html: { type: 'string', maxLength: 2_000_000 } },
} as const;

/** The editor's helpers for people who write stories: tag suggestions, phonetic typing, Gujarati spell-check. */
export async function editorAidRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db, search, spellchecker: spell } = deps;
  const writer = requirePermission('article.create');

  app.post<{ Body: { headline?: string; dek?: string; bodyHtml?: string; text?: string; exclude?: string[]; limit?: number } }>(
    '/api/suggest-tags',
    { ...writer, schema: { body: suggestBody } },
    async (request, reply) => {
      const b = request.body;
      const tags = await tagVocabulary(db);
      const body = [b.bodyHtml ? htmlToText(b.bodyHtml) : '', b.text ?? ''].filter(Boolean).join('\n');
      const suggestions = suggestTags({ headline: b.headline ?? '', dek: b.dek ?? '', body }, tags, { limit: b.limit ?? 10, exclude: b.exclude ?? [] });
      return reply.header('cache-control', 'no-store').send({ suggestions });
    },
  );

  app.get<{ Querystring: { q: string; limit: number } }>('/api/transliterate', { ...writer, schema: { querystring: transliterateQuery } }, async (request, reply) => {
    const { q, limit } = request.query;
    const candidates = transliterationCandidates(q, await search.queryIndex(), limit);
    return reply.header('cache-control', 'no-store').send({ q, candidates });
  });

  app.post<{ Body: { text?: string; html?: string } }>('/api/spellcheck', { ...writer, schema: { body: spellcheckBody } }, async (request, reply) => {
    const text = request.body.text ?? htmlToText(request.body.html ?? '');
    const idx = await search.queryIndex();
    return reply.header('cache-control', 'no-store').send(spell.check(text, (w) => idx.frequency(w)));
  });
}
