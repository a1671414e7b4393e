import type {} from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { mediaMessages } from '../../i18n/media.js';
import { UploadError, type UploadInput } from '../../media/upload.js';

/** Room for the form's text fields and multipart framing on top of the file itself. */
const formOverhead = 256 * 1024;

/** The upload form arrived malformed (no boundary, cut short, not multipart): a 400, never a 500. */
export class UploadFormError extends Error {}

/**
 * Reads the one file and the text fields of an upload form, holding at most `maxBytes` of the
 * file: a larger file is refused as soon as the limit is crossed, without reading the rest
 * (a declared Content-Length over the limit is refused before reading anything).
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<UploadInput> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + formOverhead) throw new UploadError('', { code: 'tooLarge', maxBytes });
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 } })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of part.file) {
          size += (chunk as Buffer).length;
          if (size > maxBytes || part.file.truncated) {
            // Stops busboy, and with it the reading of the request.
            part.file.destroy();
            throw new UploadError(part.filename, { code: 'tooLarge', maxBytes });
          }
          chunks.push(chunk as Buffer);
        }
        file = { bytes: Buffer.concat(chunks, size), filename: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err instanceof UploadError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    // busboy's own complaints (no boundary, unexpected end) carry no status; the plugin's are 4xx.
    if (status === undefined || (status >= 400 && status < 500)) throw new UploadFormError((err as Error).message);
    throw err;
  }
  if (!file || file.bytes.length === 0) throw new UploadError(file?.filename ?? '', { code: 'noFile' });
  return { ...file, ...(fields.alt && { alt: fields.alt }), ...(fields.caption && { caption: fields.caption }) };
}

/** What is still read and thrown away after a refusal, so the client sees the answer before the close. */
const lingerBytes = 1024 * 1024;
const lingerMs = 2000;

/**
 * An `onSend` hook for upload routes: when the answer goes out before the body was read (too
 * large, rate limited, refused), it says `Connection: close`, throws away what is still arriving
 * for a moment (closing on unread bytes would reset the connection and many clients would lose
 * the answer), then closes. Nothing more is kept or parsed.
 */
export async function closeIfUnread(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (request.raw.readableEnded || request.raw.destroyed) return payload;
  reply.header('connection', 'close');
  const socket = request.raw.socket;
  let discarded = 0;
  request.raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > lingerBytes) socket.destroy();
  });
  request.raw.resume();
  reply.raw.once('finish', () => setTimeout(() => socket.destroy(), lingerMs).unref());
  return payload;
}

/** Per-person limit on uploads (after sign-in is known), answered in the person's language. */
export function uploadRateLimit(perMinute: number): RateLimitOptions {
  return {
    max: perMinute,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => (request.user ? `person:${request.user.id}` : `ip:${request.ip}`),
    groupId: 'media-upload',
    errorResponseBuilder: (request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: mediaMessages(request.user?.uiLocale ?? 'gu').rateLimited(perMinute, Math.max(1, Math.ceil(context.ttl / 1000))),
    }),
  };
}
