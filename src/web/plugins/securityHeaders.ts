import type { FastifyInstance } from 'fastify';

/*
 * Security headers on every answer. Pages carry no inline script (JSON-LD blocks are data,
 * not scripts), so `script-src 'self'` holds for the reader pages, the newsroom and the editor
 * bundle alike; styles may be inline (the site's CSS is inlined for first paint). Only the
 * YouTube player is framed, and nothing may frame the newsroom.
 */
const common = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

const policy = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'frame-src https://www.youtube-nocookie.com https://www.youtube.com',
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

/** What every reader answer carries (the page cache's direct answers too: ./pageCache/direct.ts). */
export const readerHeaders: Readonly<Record<string, string>> = { ...common, 'content-security-policy': policy("'self'"), 'x-frame-options': 'SAMEORIGIN' };
const newsroomHeaders = { ...common, 'content-security-policy': policy("'none'"), 'x-frame-options': 'DENY' };

export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/newsroom') ? newsroomHeaders : readerHeaders);
    done();
  });
}
