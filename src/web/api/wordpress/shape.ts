import type { FastifyReply, FastifyRequest } from 'fastify';

/** The `_fields` a client asked for (`a,b.c` or `_fields[]=a`), as paths. */
function fieldPaths(query: Record<string, unknown>): string[][] | undefined {
  const raw = query._fields ?? query['_fields[]'];
  if (raw === undefined || raw === '') return undefined;
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  return list.map((f) => f.trim()).filter(Boolean).map((f) => f.split('.'));
}

/** WordPress's `rest_filter_response_fields`: only the named fields, nested ones by `a.b`. */
function pick(item: unknown, paths: string[][]): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const source = item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [head, ...rest] of paths) {
    if (head === undefined || !(head in source)) continue;
    if (rest.length === 0) out[head] = source[head];
    else {
      const inner = pick(source[head], [rest]);
      if (typeof inner === 'object' && inner !== null && Object.keys(inner).length > 0) out[head] = { ...((out[head] as object | undefined) ?? {}), ...inner };
    }
  }
  return out;
}

const envelopeHeaders = ['x-wp-total', 'x-wp-totalpages', 'link', 'allow'];

/**
 * `_fields` and `_envelope` on every `/wp-json` answer: the first trims items to the fields
 * named, the second wraps the answer as `{ body, status, headers }` with status 200, for
 * clients that cannot read headers or statuses (JSONP-era front ends).
 */
export function shapeAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  const query = (request.query ?? {}) as Record<string, unknown>;
  let body = payload;
  const paths = reply.statusCode < 400 ? fieldPaths(query) : undefined;
  if (paths) body = Array.isArray(body) ? body.map((item) => pick(item, paths)) : pick(body, paths);
  if (query._envelope === undefined) return body;
  const headers: Record<string, string> = {};
  for (const name of envelopeHeaders) {
    const v = reply.getHeader(name);
    if (v !== undefined) headers[name === 'x-wp-total' ? 'X-WP-Total' : name === 'x-wp-totalpages' ? 'X-WP-TotalPages' : name[0]!.toUpperCase() + name.slice(1)] = String(v);
  }
  const status = reply.statusCode;
  reply.code(200);
  return { body, status, headers };
}
