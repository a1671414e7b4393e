import type {} from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { mediaMessages } from '../../i18n/media.js';
import type { UiLocale } from '../../i18n/index.js';
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
  if (Number.isFinite(declared) && declared > maxBytes + formOverhead) throw new UploadError('', { code: 'tooLarge', maxBytes, size: declared });
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
const lingerBytes = 16 * 1024 * 1024;
const lingerMs = 5000;

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

/** How a refused upload is answered: status, a code for scripts, and the person's message. */
export interface UploadRefusal {
  status: number;
  error: string;
  message: string;
}

/** The answer for an error on the upload route, or undefined when it is not about the upload. */
export function uploadRefusal(error: unknown, locale: UiLocale): UploadRefusal | undefined {
  const m = mediaMessages(locale);
  if (error instanceof UploadError) {
    const status = error.problem.code === 'tooLarge' ? 413 : error.problem.code === 'tooManyPixels' ? 422 : 400;
    return { status, error: error.problem.code, message: m.problem(error.file, error.problem) };
  }
  if (error instanceof UploadFormError) return { status: 400, error: 'badForm', message: m.badForm };
  const e = error as { code?: string; statusCode?: number; message?: string };
  // Fastify's own refusal of a body that is not a form at all.
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, error: 'badForm', message: m.badForm };
  // Already worded by uploadRateLimit's errorResponseBuilder.
  if (e.statusCode === 429 && e.message) return { status: 429, error: 'rate_limited', message: e.message };
  return undefined;
}
