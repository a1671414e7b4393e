// Gujarati spell-check marks in the body. A moment after typing stops, the body's text goes to
// POST /newsroom/api/spellcheck (hunspell-gu on the server); misspelt words get a wavy underline
// as ProseMirror decorations, which live only in the view: getHTML, the form and the autosave
// never see them. A click or the context menu on a marked word offers the suggestions. When the
// server has no dictionary (`available: false`) checking stops for the page: no marks, no errors.
// Browsers' own spell-checkers have no Gujarati, so ours replaces theirs in the body when on.
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { api } from './api.js';
import { labels } from './labels.js';

const checkDelayMs = 900;
/** The endpoint's limit on `text` (SPELLCHECK_MAX_TEXT); longer bodies are checked up to here. */
const maxText = 200_000;

interface Mark {
  word: string;
  suggestions: string[];
}

const key = new PluginKey<DecorationSet>('spellcheck');

/**
 * The body as plain text (blocks on their own lines) and a map from offsets in that text back
 * to document positions, so the server's word offsets become decoration ranges.
 */
export function textOf(doc: PMNode): { text: string; toPos: (offset: number) => number } {
  const parts: string[] = [];
  const segments: { start: number; pos: number }[] = [];
  let length = 0;
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (length > 0) {
        parts.push('\n');
        length += 1;
      }
      return true;
    }
    if (node.isText) {
      segments.push({ start: length, pos });
      parts.push(node.text ?? '');
      length += node.text?.length ?? 0;
    } else if (node.isLeaf && node.isInline) {
      // A hard break or other inline leaf separates words; it takes one position in the doc.
      segments.push({ start: length, pos });
      parts.push('\n');
      length += 1;
    }
    return true;
  });
  const toPos = (offset: number) => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const s = segments[lo];
    return s ? s.pos + (offset - s.start) : 0;
  };
  return { text: parts.join(''), toPos };
}

/** The suggestions menu for one marked word; one at a time. */
class SuggestionMenu {
  private el: HTMLElement | undefined;
  private readonly onOutside = (e: MouseEvent) => {
    if (this.el && !this.el.contains(e.target as Node)) this.close();
  };
  private view: EditorView | undefined;
  // On the document: focus may be in the menu or still in the editor (a click opens it unfocused).
  private readonly onEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !this.el) return;
    e.preventDefault();
    e.stopPropagation();
    const focusWasInMenu = this.el.contains(document.activeElement);
    this.close();
    if (focusWasInMenu) this.view?.focus();
  };

  open(view: EditorView, from: number, to: number, mark: Mark, at: { left: number; top: number }, focus: boolean): void {
    this.close();
    const menu = document.createElement('div');
    menu.className = 'spell-menu';
    menu.setAttribute('role', 'menu');
    menu.setAttribute('aria-label', labels.spellSuggestions(mark.word));
    menu.style.left = `${Math.max(0, at.left)}px`;
    menu.style.top = `${at.top + 4}px`;
    const items: HTMLButtonElement[] = [];
    for (const s of mark.suggestions) {
      const item = document.createElement('button');
      item.type = 'button';
      item.setAttribute('role', 'menuitem');
      item.lang = 'gu';
      item.textContent = s;
      item.tabIndex = -1;
      // Keep the editor's caret when the mouse is used; keyboard users are moved back below.
      item.addEventListener('mousedown', (e) => e.preventDefault());
      item.addEventListener('click', () => {
        this.close();
        // Only if the word is still what was marked (the menu closes on edits, but be sure).
        if (view.state.doc.textBetween(from, to) === mark.word) view.dispatch(view.state.tr.insertText(s, from, to));
        view.focus();
      });
      items.push(item);
      menu.append(item);
    }
    if (items.length === 0) {
      const none = document.createElement('p');
      none.textContent = labels.noSpellSuggestions;
      menu.append(none);
    }
    menu.addEventListener('keydown', (e) => {
      const i = items.indexOf(document.activeElement as HTMLButtonElement);
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && items.length > 0) {
        e.preventDefault();
        items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1) + items.length) % items.length]?.focus();
      }
    });
    document.body.append(menu);
    this.el = menu;
    this.view = view;
    document.addEventListener('mousedown', this.onOutside, true);
    document.addEventListener('keydown', this.onEscape, true);
    if (focus) (items[0] ?? menu).focus();
  }

  close(): void {
    this.el?.remove();
    this.el = undefined;
    document.removeEventListener('mousedown', this.onOutside, true);
    document.removeEventListener('keydown', this.onEscape, true);
  }
}

export const Spellcheck = Extension.create({
  name: 'gujaratiSpellcheck',

  addProseMirrorPlugins() {
    const menu = new SuggestionMenu();
    /** Off for the page once the server says it has no dictionary. */
    let unavailable = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = async (view: EditorView) => {
      if (unavailable) return;
      const doc = view.state.doc;
      const { text, toPos } = textOf(doc);
      const r = text.trim() ? await api.spellcheck(text.slice(0, maxText)) : undefined;
      // A failed call leaves the marks as they were: spell-check is a help, never an error.
      if (r && !r.ok) return;
      if (r && !r.data.available) {
        unavailable = true;
        return;
      }
      // Typed on meanwhile: that edit scheduled a fresh check; these offsets are stale.
      if (view.isDestroyed || view.state.doc !== doc) return;
      view.dom.spellcheck = false;
      const decorations = (r?.data.misspelt ?? []).map((m) =>
        Decoration.inline(toPos(m.start), toPos(m.end), { class: 'spell-error' }, { word: m.word, suggestions: m.suggestions } satisfies Mark),
      );
      view.dispatch(view.state.tr.setMeta(key, DecorationSet.create(doc, decorations)).setMeta('addToHistory', false));
    };

    const markAt = (view: EditorView, pos: number): { from: number; to: number; mark: Mark } | undefined => {
      const found = key.getState(view.state)?.find(pos, pos)[0];
      return found ? { from: found.from, to: found.to, mark: found.spec as Mark } : undefined;
    };

    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => {
            const fresh: unknown = tr.getMeta(key);
            if (fresh instanceof DecorationSet) return fresh;
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        view: (view) => {
          timer = setTimeout(() => void check(view), checkDelayMs);
          return {
            update: (v, prev) => {
              if (v.state.doc.eq(prev.doc)) return;
              menu.close();
              clearTimeout(timer);
              timer = setTimeout(() => void check(v), checkDelayMs);
            },
            destroy: () => {
              clearTimeout(timer);
              menu.close();
            },
          };
        },
        props: {
          decorations: (state) => key.getState(state),
          handleClick: (view, pos) => {
            const hit = markAt(view, pos);
            if (!hit) {
              menu.close();
              return false;
            }
            const c = view.coordsAtPos(hit.from);
            // The caret still goes where the person clicked; the menu only offers.
            menu.open(view, hit.from, hit.to, hit.mark, { left: c.left, top: c.bottom }, false);
            return false;
          },
          handleDOMEvents: {
            contextmenu: (view, event) => {
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
              const hit = markAt(view, at ? at.pos : view.state.selection.from);
              if (!hit) return false;
              event.preventDefault();
              const c = view.coordsAtPos(hit.from);
              menu.open(view, hit.from, hit.to, hit.mark, { left: c.left, top: c.bottom }, true);
              return true;
            },
          },
        },
      }),
    ];
  },
});
