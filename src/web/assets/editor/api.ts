// Calls to the newsroom's JSON routes, with the session's CSRF token (from the page's
// <meta name="csrf-token">) on every request. Types come from the server's own modules.
import type { ArticleEdit, SaveResult } from '../../../newsroom/articleInput.js';
import type { FieldChange } from '../../../newsroom/revisions.js';
import type { SpellcheckResult, TagSuggestion, TypingCandidate } from '../../../search/editorAids.js';
import type { PickerImage } from '../../newsroom/mediaPresenter.js';
import type { MediaAspect } from '../../../db/schema.js';

export type { ArticleEdit, FieldChange, SaveResult, SpellcheckResult, TagSuggestion, TypingCandidate };

/** What /newsroom/api/suggest-tags reads: the story as it stands, and the tags it already has. */
export interface TagSuggestRequest {
  headline: string;
  dek: string;
  bodyHtml: string;
  exclude: string[];
  limit: number;
}

export interface ConflictBody {
  error: 'conflict';
  message: string;
  currentVersion: number;
  changedBy: string | null;
  changes: FieldChange[];
}

/** What an upload answers: the image as the picker shows it. */
export type UploadedImage = PickerImage & { path: string };

export interface MediaFound {
  items: PickerImage[];
  total: number;
  page: number;
  pages: number;
}

export interface MediaDetails {
  alt?: string;
  caption?: string;
  aspect?: MediaAspect;
  focusX?: number;
  focusY?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; conflict?: ConflictBody; message: string };

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

async function call<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': csrf() } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    res = await fetch(url, init);
  } catch (err) {
    return { ok: false, status: 0, message: (err as Error).message };
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, data: data as T };
  const message = typeof (data as { message?: unknown })?.message === 'string' ? (data as { message: string }).message : `HTTP ${res.status}`;
  if (res.status === 409 && (data as { error?: unknown })?.error === 'conflict') return { ok: false, status: 409, conflict: data as ConflictBody, message };
  return { ok: false, status: res.status, message };
}

export const api = {
  create: (edit: ArticleEdit & { headline: string; sectionId: number }) => call<SaveResult>('POST', '/newsroom/api/articles', edit),
  createPage: (edit: ArticleEdit & { headline: string }) => call<SaveResult>('POST', '/newsroom/api/pages', edit),
  update: (id: number, version: number, edit: ArticleEdit) => call<SaveResult>('PUT', `/newsroom/api/articles/${id}`, { version, edit }),
  previewLink: (id: number) => call<{ path: string }>('POST', `/newsroom/api/articles/${id}/preview-link`),
  lock: (id: number) => call<{ holder: { name: string; since: string } | null }>('POST', `/newsroom/api/articles/${id}/lock`),
  upload: (file: File, alt: string, caption: string) => {
    const form = new FormData();
    form.append('alt', alt);
    form.append('caption', caption);
    form.append('file', file);
    return call<UploadedImage>('POST', '/newsroom/media', form);
  },
  findMedia: (q: string, page: number) => call<MediaFound>('GET', `/newsroom/api/media?${new URLSearchParams({ q, page: String(page) }).toString()}`),
  updateMedia: (id: number, details: MediaDetails) => call<PickerImage>('PUT', `/newsroom/api/media/${id}`, details),
  // Editor aids (src/web/search.tsx).
  suggestTags: (body: TagSuggestRequest) => call<{ suggestions: TagSuggestion[] }>('POST', '/newsroom/api/suggest-tags', body),
  transliterate: (q: string, limit = 6) =>
    call<{ q: string; candidates: TypingCandidate[] }>('GET', `/newsroom/api/transliterate?q=${encodeURIComponent(q)}&limit=${limit}`),
  spellcheck: (text: string) => call<SpellcheckResult>('POST', '/newsroom/api/spellcheck', { text }),
};
