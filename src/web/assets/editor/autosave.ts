// Autosave for the article form: every few seconds, if anything changed, the whole form goes
// to the JSON API (a new story is created on its first save, then updated by version).
// A 409 stops saving and shows what the other person changed: never a silent overwrite.
// The edit lock is renewed every 30 s so others see who is editing.
import { api, type ArticleEdit, type ConflictBody, type SaveResult } from './api.js';
import { labels } from './labels.js';
import { newsroomMessages } from '../../../i18n/newsroom.js';
import { workflowMessages } from '../../../i18n/workflow.js';

const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'gu';

const saveEveryMs = 3_000;
const lockEveryMs = 30_000;

type SaveState = 'saved' | 'unsaved' | 'saving';

/** The form's fields as the API's edit. Empty slug is left out: the server would make one from nothing. */
export function editFromForm(form: HTMLFormElement): ArticleEdit {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value;
  const edit: ArticleEdit = {};
  for (const k of ['headline', 'dek', 'bodyHtml', 'featuredCaption', 'featuredAlt', 'seoTitle', 'seoDescription', 'updateNote'] as const) {
    const v = value(k);
    if (v !== undefined) edit[k] = v;
  }
  const slug = value('slug')?.trim();
  if (slug) edit.slug = slug;
  const section = Number(value('sectionId'));
  if (Number.isInteger(section) && section > 0) edit.sectionId = section;
  const authors = form.elements.namedItem('authorIds');
  if (authors instanceof HTMLSelectElement) edit.authorIds = [...authors.selectedOptions].map((o) => Number(o.value));
  const tags = value('tagNames');
  if (tags !== undefined) edit.tagNames = tags.split(/[,،]/).map((s) => s.trim()).filter(Boolean);
  const media = value('featuredMediaId')?.trim();
  if (media !== undefined) edit.featuredMediaId = /^[1-9][0-9]*$/.test(media) ? Number(media) : null;
  const breaking = form.elements.namedItem('isBreaking');
  if (breaking instanceof HTMLInputElement) edit.isBreaking = breaking.checked;
  const open = form.elements.namedItem('commentsOpen');
  if (open instanceof HTMLInputElement) edit.commentsOpen = open.checked;
  const others = form.elements.namedItem('secondarySectionIds');
  if (others instanceof HTMLSelectElement) edit.secondarySectionIds = [...others.selectedOptions].map((o) => Number(o.value));
  const format = form.elements.namedItem('format');
  if (format instanceof HTMLSelectElement) edit.format = format.value as NonNullable<ArticleEdit['format']>;
  const password = value('password');
  if (password !== undefined) edit.password = password;
  return edit;
}

export class Autosave {
  private id: number | undefined;
  private version: number;
  /** Bumped on every change; a save that started at an older generation leaves the form unsaved. */
  private generation = 0;
  private savedGeneration = 0;
  private inFlight: Promise<void> | undefined;
  private blocked = false;
  private readonly stateEl: HTMLElement | null;
  private readonly stateLabels: Record<SaveState, string>;
  private readonly notices: HTMLElement;
  /** Told the new story's id when its first save created it. */
  onCreated: ((id: number) => void | Promise<void>) | undefined;

  constructor(private readonly form: HTMLFormElement) {
    this.id = Number(form.dataset.articleId) || undefined;
    this.version = Number(form.dataset.version) || 0;
    this.stateEl = document.getElementById('save-state');
    this.stateLabels = { saved: 'saved', unsaved: 'unsaved', saving: 'saving', ...(JSON.parse(form.dataset.labels ?? '{}') as Partial<Record<SaveState, string>>) };
    // The page's own notice line (where the server says who holds the lock), or a new one.
    const existing = document.querySelector<HTMLElement>('.editor-notices');
    this.notices = existing ?? document.createElement('div');
    if (!existing) {
      this.notices.className = 'editor-notices';
      form.before(this.notices);
    }
  }

  start(): void {
    this.form.addEventListener('input', () => this.changed());
    this.form.addEventListener('change', () => this.changed());
    setInterval(() => void this.save(), saveEveryMs);
    if (this.id) {
      void this.heartbeat();
      setInterval(() => void this.heartbeat(), lockEveryMs);
    }
    window.addEventListener('beforeunload', (event) => {
      if (this.generation === this.savedGeneration) return;
      event.preventDefault();
      event.returnValue = labels.leave;
    });
  }

  changed(): void {
    this.generation++;
    if (!this.inFlight) this.show('unsaved');
  }

  get articleId(): number | undefined {
    return this.id;
  }

  /** Saves now if anything changed (waiting for a save already running); true when all is saved. */
  async flush(): Promise<boolean> {
    while (this.inFlight) await this.inFlight;
    if (this.generation !== this.savedGeneration) await this.save();
    while (this.inFlight) await this.inFlight;
    return this.generation === this.savedGeneration;
  }

  private save(): Promise<void> {
    if (this.inFlight || this.blocked || this.generation === this.savedGeneration) return this.inFlight ?? Promise.resolve();
    this.inFlight = this.saveOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async saveOnce(): Promise<void> {
    const generation = this.generation;
    const edit = editFromForm(this.form);
    // A static page (`data-kind="page"`) has no section: its title is enough to create it.
    const isPage = this.form.dataset.kind === 'page';
    if (!this.id && (!edit.headline?.trim() || (!isPage && !edit.sectionId))) {
      this.show('unsaved', labels.needHeadline);
      return;
    }
    this.show('saving');
    const r = this.id
      ? await api.update(this.id, this.version, edit)
      : isPage
        ? await api.createPage({ ...edit, headline: edit.headline ?? '' })
        : await api.create({ ...edit, headline: edit.headline ?? '', sectionId: edit.sectionId ?? 0 });
    if (!r.ok) {
      if (r.conflict) this.conflict(r.conflict);
      // A 4xx will be refused again until the person changes something: say what, and do not
      // promise a retry; the next edit saves again. Network and server trouble is retried.
      else if (r.status >= 400 && r.status < 500) this.show('unsaved', `${labels.saveRefused}: ${r.message}`);
      else this.show('unsaved', `${labels.saveFailed} (${r.message})`);
      return;
    }
    this.saved(r.data);
    this.savedGeneration = generation;
    this.show(this.generation === generation ? 'saved' : 'unsaved');
  }

  private saved(r: SaveResult): void {
    this.version = r.version;
    this.form.dataset.version = String(r.version);
    const version = this.form.elements.namedItem('version');
    if (version instanceof HTMLInputElement) version.value = String(r.version);
    const slug = this.form.elements.namedItem('slug');
    if (slug instanceof HTMLInputElement && slug.value !== r.slug && document.activeElement !== slug) slug.value = r.slug;
    // A live story's save waits for "Update": show that, and the Update and Discard buttons.
    if (r.pending) for (const el of document.querySelectorAll<HTMLElement>('[data-pending]')) el.hidden = false;
    if (!this.id) {
      // The draft exists now: the form, a reload and the lock all point at it from here on.
      this.id = r.id;
      this.form.dataset.articleId = String(r.id);
      this.form.action = `/newsroom/articles/${r.id}`;
      history.replaceState(null, '', `/newsroom/articles/${r.id}/edit`);
      void this.heartbeat();
      setInterval(() => void this.heartbeat(), lockEveryMs);
      void this.onCreated?.(r.id);
    }
  }

  private conflict(c: ConflictBody): void {
    this.blocked = true;
    this.show('unsaved');
    const box = document.createElement('div');
    box.className = 'notice notice-error conflict';
    box.setAttribute('role', 'alert');
    const p = document.createElement('p');
    p.textContent = labels.conflict(c.changedBy ?? labels.someone);
    const list = document.createElement('ul');
    for (const change of c.changes) {
      const li = document.createElement('li');
      const field = document.createElement('strong');
      field.textContent = `${workflowMessages(lang).fields[change.field]}: `;
      li.append(field);
      if (change.words) {
        // Word diff: only what was added or removed, as text (never as HTML).
        for (const w of change.words) {
          if (!w.added && !w.removed) continue;
          const el = document.createElement(w.added ? 'ins' : 'del');
          el.textContent = w.value;
          li.append(el, ' ');
        }
      } else {
        li.append(`${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`);
      }
      list.append(li);
    }
    const reload = document.createElement('a');
    reload.href = `/newsroom/articles/${this.id}/edit`;
    reload.textContent = labels.reload;
    const keep = document.createElement('button');
    keep.type = 'button';
    keep.className = 'secondary';
    keep.textContent = labels.keepMine;
    keep.addEventListener('click', () => {
      // A deliberate overwrite: build on their version and save what is in the form now.
      this.version = c.currentVersion;
      this.blocked = false;
      box.remove();
      this.changed();
      void this.save();
    });
    const actions = document.createElement('p');
    actions.append(reload, ' · ', keep);
    box.append(p, list, actions);
    this.notices.replaceChildren(box);
  }

  private async heartbeat(): Promise<void> {
    if (!this.id) return;
    const r = await api.lock(this.id);
    const existing = this.notices.querySelector('.lock-holder');
    if (r.ok && r.data.holder) {
      const note = existing ?? document.createElement('p');
      note.className = 'notice notice-error lock-holder';
      note.setAttribute('role', 'status');
      note.textContent = newsroomMessages(lang).editingNow(r.data.holder.name);
      if (!existing) this.notices.append(note);
    } else {
      existing?.remove();
    }
  }

  private show(state: SaveState, detail?: string): void {
    if (!this.stateEl) return;
    this.stateEl.dataset.state = state;
    this.stateEl.textContent = detail ? `${this.stateLabels[state]} · ${detail}` : this.stateLabels[state];
  }
}
