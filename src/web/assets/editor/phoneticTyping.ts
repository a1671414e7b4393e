// Phonetic typing ("ગુજરાતી ટાઇપિંગ"): with the toolbar toggle on, a word typed in Latin letters
// in the body, headline or dek shows its Gujarati candidates (GET /newsroom/api/transliterate)
// in a small listbox at the caret. Arrow keys choose; Enter puts the chosen candidate in place of
// the Latin word, and so does Space for one chosen with the arrows. Space alone puts the first
// candidate in only when the server marks it sure (`autoReplace`: close to what was typed and
// clearly ahead of the rest); otherwise the Latin word stays and its candidates stay shown, to
// be clicked. Escape keeps the Latin. Reporters without a Gujarati
// keyboard layout can write a whole story this way, and the server's candidates come from the
// site's own vocabulary, so names are spelt the way the paper already spells them.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { api, type TypingCandidate } from './api.js';
import { labels } from './labels.js';

/** A Latin word and where it sits (ProseMirror positions in the body, string offsets in an input). */
interface WordAt {
  word: string;
  from: number;
  to: number;
}

/** Where phonetic typing happens: the body editor or a plain text field. */
interface Surface {
  element: HTMLElement;
  wordBeforeCaret(): WordAt | null;
  caretBox(): { left: number; bottom: number };
  /** Keeps `at` pointing at the same text while later edits happen (until released). */
  track(at: WordAt): WordAt;
  release(at: WordAt): void;
  /** Puts `text` in place of the word, if the word is still there. */
  replace(at: WordAt, text: string): void;
}

const storageKey = 'khabar.phoneticTyping';
const lookupDelayMs = 120;
const maxWord = 60; // the endpoint's own limit

/**
 * The Latin word that ends `text`, or null. Words glued to other letters, digits or URL and
 * handle punctuation (COVID19, example.com/path, @user) and ALL-CAPS acronyms (SCO, GST: written
 * in Latin in Gujarati news) are left alone: converting them would corrupt what the reporter meant.
 */
export function latinWordAtEnd(text: string, caret: number): WordAt | null {
  const m = /(?<![A-Za-z])[A-Za-z]+$/.exec(text);
  if (!m || m[0].length > maxWord) return null;
  const prev = text[m.index - 1];
  if (prev !== undefined && /[\p{L}\p{M}\p{N}_./@:#&=?'’-]/u.test(prev)) return null;
  if (m[0].length > 1 && m[0] === m[0].toUpperCase()) return null;
  return { word: m[0], from: caret - m[0].length, to: caret };
}

export class PhoneticTyping {
  readonly button: HTMLButtonElement;
  private on = false;
  private readonly popup: HTMLUListElement;
  /** `passive`: shown after Space for a word left in Latin; only a click picks from it, keys go to the text. */
  private open: { surface: Surface; at: WordAt; candidates: TypingCandidate[]; active: number; passive?: boolean } | undefined;
  /** The word Escape kept in Latin: no popup and no conversion for it. */
  private dismissed: { surface: Surface; from: number } | undefined;
  private readonly cache = new Map<string, Promise<TypingCandidate[]>>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'secondary';
    this.button.dataset.tool = 'phonetic';
    this.button.textContent = labels.phonetic[0];
    this.button.title = labels.phonetic[1];
    this.button.setAttribute('aria-label', labels.phonetic[1]);
    // Keep the editor's caret where it was, as the other toolbar buttons do.
    this.button.addEventListener('mousedown', (e) => e.preventDefault());
    this.button.addEventListener('click', () => this.setOn(!this.on));

    this.popup = document.createElement('ul');
    this.popup.id = 'phonetic-candidates';
    this.popup.className = 'phonetic-popup';
    this.popup.setAttribute('role', 'listbox');
    this.popup.hidden = true;
    document.body.append(this.popup);

    let saved = false;
    try {
      saved = localStorage.getItem(storageKey) === 'on';
    } catch {
      // Storage may be blocked; the mode then simply starts off.
    }
    this.setOn(saved);
  }

  setOn(on: boolean): void {
    this.on = on;
    this.button.setAttribute('aria-pressed', String(on));
    try {
      localStorage.setItem(storageKey, on ? 'on' : 'off');
    } catch {
      // Not remembered across visits; nothing else depends on it.
    }
    if (!on) this.close();
  }

  /** The body: a Tiptap extension whose plugin watches typing and keys in ProseMirror. */
  get extension() {
    // The plugin's callbacks need the controller; inside Extension.create `this` is the extension.
    const typing = this;
    const tracked = new Set<WordAt>();
    return Extension.create({
      name: 'phoneticTyping',
      onTransaction({ transaction }) {
        // Positions of words waiting for candidates follow edits made meanwhile (the space
        // typed right after the word goes in at its end, so `to` sticks to the left).
        if (!transaction.docChanged) return;
        for (const at of tracked) {
          at.from = transaction.mapping.map(at.from, 1);
          at.to = transaction.mapping.map(at.to, -1);
        }
      },
      addProseMirrorPlugins() {
        let surface: Surface | undefined;
        return [
          new Plugin({
            key: new PluginKey('phoneticTyping'),
            view: (view) => {
              surface = bodySurface(view, tracked);
              return {
                update: (v, prev) => {
                  if (surface && (!v.state.doc.eq(prev.doc) || !v.state.selection.eq(prev.selection))) typing.changed(surface);
                },
              };
            },
            props: {
              handleKeyDown: (_view, event) => (surface ? typing.keydown(surface, event) : false),
              handleDOMEvents: {
                blur: () => {
                  typing.close();
                  return false;
                },
              },
            },
          }),
        ];
      },
    });
  }

  /** The headline and dek: plain fields, same behaviour. */
  attachField(field: HTMLInputElement | HTMLTextAreaElement): void {
    const surface = fieldSurface(field);
    field.addEventListener('input', () => this.changed(surface));
    // Through HTMLElement: on the union of input and textarea TypeScript loses the event's type.
    (field as HTMLElement).addEventListener('keydown', (e) => {
      if (this.keydown(surface, e)) e.preventDefault();
    });
    field.addEventListener('blur', () => this.close());
  }

  private candidates(word: string): Promise<TypingCandidate[]> {
    const key = word.toLowerCase();
    let p = this.cache.get(key);
    if (!p) {
      p = api.transliterate(key).then((r) => {
        // A failed lookup is forgotten so the next keystroke may try again; no candidates meanwhile.
        if (!r.ok) this.cache.delete(key);
        return r.ok ? r.data.candidates : [];
      });
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(key, p);
    }
    return p;
  }

  private isDismissed(surface: Surface, at: WordAt): boolean {
    return this.dismissed?.surface === surface && this.dismissed.from === at.from;
  }

  /** After each edit or caret move: look up the word at the caret and show its candidates. */
  private changed(surface: Surface): void {
    clearTimeout(this.timer);
    const at = this.on ? surface.wordBeforeCaret() : null;
    if (!at || this.isDismissed(surface, at)) {
      if (!at) this.dismissed = undefined;
      this.close();
      return;
    }
    this.timer = setTimeout(() => {
      void this.candidates(at.word).then((candidates) => {
        // Show them only if the caret is still at the end of that same word.
        const now = surface.wordBeforeCaret();
        if (!this.on || !now || now.word !== at.word || now.from !== at.from || candidates.length === 0) return;
        const keep = this.open?.surface === surface && this.open.at.word === at.word && !this.open.passive ? this.open.active : 0;
        this.show({ surface, at: now, candidates, active: Math.min(keep, candidates.length - 1) });
      });
    }, lookupDelayMs);
  }

  /** True when the key was used here (the caller then prevents its default). */
  private keydown(surface: Surface, event: KeyboardEvent): boolean {
    if (!this.on || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return false;
    if (this.open?.passive) {
      if (event.key !== 'Escape') return false;
      this.close();
      return true;
    }
    const open = this.open?.surface === surface ? this.open : undefined;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const n = open.candidates.length;
      open.active = (open.active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.render();
      return true;
    }
    if (open && event.key === 'Escape') {
      this.dismissed = { surface, from: open.at.from };
      this.close();
      return true;
    }
    if (open && event.key === 'Enter') {
      // Enter picks the candidate (no new paragraph), as in other input methods' candidate lists.
      const choice = open.candidates[open.active];
      this.close();
      if (choice) surface.replace(open.at, choice.word);
      return true;
    }
    if (event.key === ' ' || event.key === 'Enter') {
      // The space (or new paragraph) goes in as usual; the word before it is converted as soon
      // as its candidates are known, which is at once when the popup was already showing.
      const at = surface.wordBeforeCaret();
      const chosen = open && open.at.from === at?.from && open.active > 0 ? open.active : undefined;
      if (at && !this.isDismissed(surface, at)) this.commit(surface, at, chosen);
      this.close();
    }
    return false;
  }

  /** Puts candidate `chosen` in place, or without a choice the first one if it is sure; else shows the candidates. */
  private commit(surface: Surface, at: WordAt, chosen: number | undefined): void {
    const live = surface.track(at);
    void this.candidates(at.word)
      // Let the key's own insertion happen first, so the replacement is a separate, later edit.
      .then((c) => new Promise<TypingCandidate[]>((resolve) => setTimeout(() => resolve(c), 0)))
      .then((candidates) => {
        const choice = chosen === undefined ? candidates[0] : candidates[chosen];
        if (choice && (chosen !== undefined || choice.autoReplace)) surface.replace(live, choice.word);
        else if (candidates.length > 0 && this.on && !this.open) this.show({ surface, at: { ...live }, candidates, active: 0, passive: true });
      })
      .finally(() => surface.release(live));
  }

  private show(open: NonNullable<PhoneticTyping['open']>): void {
    this.open = open;
    this.popup.setAttribute('aria-label', labels.candidates(open.at.word));
    this.popup.replaceChildren(
      ...open.candidates.map((c, i) => {
        const li = document.createElement('li');
        li.id = `phonetic-candidate-${i}`;
        li.setAttribute('role', 'option');
        li.lang = 'gu';
        li.textContent = c.word;
        // The field keeps focus and caret while the mouse picks a candidate.
        li.addEventListener('mousedown', (e) => e.preventDefault());
        li.addEventListener('click', () => {
          if (this.open !== open) return;
          this.close();
          open.surface.replace(open.at, c.word);
        });
        return li;
      }),
    );
    const box = open.surface.caretBox();
    this.popup.style.left = `${Math.max(0, box.left)}px`;
    this.popup.style.top = `${box.bottom + 4}px`;
    this.popup.hidden = false;
    open.surface.element.setAttribute('aria-controls', this.popup.id);
    this.render();
  }

  private render(): void {
    const open = this.open;
    if (!open) return;
    this.popup.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === open.active && !open.passive)));
    // Screen readers announce the chosen candidate while focus stays in the text.
    if (open.passive) open.surface.element.removeAttribute('aria-activedescendant');
    else open.surface.element.setAttribute('aria-activedescendant', `phonetic-candidate-${open.active}`);
  }

  close(): void {
    clearTimeout(this.timer);
    if (this.open) {
      this.open.surface.element.removeAttribute('aria-activedescendant');
      this.open.surface.element.removeAttribute('aria-controls');
    }
    this.open = undefined;
    this.popup.hidden = true;
  }
}

function bodySurface(view: EditorView, tracked: Set<WordAt>): Surface {
  return {
    element: view.dom,
    wordBeforeCaret() {
      const sel = view.state.selection;
      if (!sel.empty || !sel.$from.parent.isTextblock) return null;
      const $p = sel.$from;
      // Leaf nodes (images, breaks) read as U+FFFC, which ends a word like any other non-letter.
      const before = $p.parent.textBetween(Math.max(0, $p.parentOffset - maxWord - 1), $p.parentOffset, undefined, '\ufffc');
      return latinWordAtEnd(before, $p.pos);
    },
    caretBox() {
      const c = view.coordsAtPos(view.state.selection.from);
      return { left: c.left, bottom: c.bottom };
    },
    track(at) {
      const live = { ...at };
      tracked.add(live);
      return live;
    },
    release(at) {
      tracked.delete(at);
    },
    replace(at, text) {
      const { state } = view;
      if (at.from < 0 || at.to > state.doc.content.size || at.to <= at.from) return;
      // Changed meanwhile (deleted, retyped): leave what the reporter has now.
      if (state.doc.textBetween(at.from, at.to) !== at.word) return;
      view.dispatch(state.tr.insertText(text, at.from, at.to));
    },
  };
}

function fieldSurface(field: HTMLInputElement | HTMLTextAreaElement): Surface {
  return {
    element: field,
    wordBeforeCaret() {
      const caret = field.selectionStart;
      if (caret === null || caret !== field.selectionEnd) return null;
      return latinWordAtEnd(field.value.slice(Math.max(0, caret - maxWord - 1), caret), caret);
    },
    caretBox() {
      // Text fields do not expose caret coordinates; just below the field is near enough.
      const r = field.getBoundingClientRect();
      return { left: r.left, bottom: r.bottom };
    },
    // Only text after the word is typed while candidates load, so offsets stay valid.
    track: (at) => at,
    release: () => undefined,
    replace(at, text) {
      if (field.value.slice(at.from, at.to) !== at.word) return;
      // A caret at the word's end follows the new word; one further on keeps its place after it.
      field.setRangeText(text, at.from, at.to, field.selectionStart === at.to ? 'end' : 'preserve');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
  };
}
