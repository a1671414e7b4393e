import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A page as the browser gets it: the doctype, then the rendered view (escaped by the renderer). */
export function renderDocument(node: VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}

/** Sends a page nobody may keep (newsroom pages, answers to a form). */
export function sendPage(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(node));
}
