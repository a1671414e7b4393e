// Tag suggestions under the tags field: existing tags whose words occur in the story in any
// inflected form (ગુજરાતમાં → ગુજરાત), as chips; a click adds the tag to #tagNames. Refreshed a
// moment after the headline, dek, body or tags stop changing: the server analyzes the whole
// story, so asking on every keystroke would only queue work whose answers are already stale.
import type { Editor } from '@tiptap/core';
import { api, type TagSuggestion } from './api.js';
import { labels } from './labels.js';

const debounceMs = 700;
const maxChips = 8;

/** The tag names already in the field (comma or Arabic comma separated, as editFromForm reads them). */
const tagNames = (input: HTMLInputElement) =>
  input.value
    .split(/[,،]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function mountTagSuggestions(editor: Editor, form: HTMLFormElement): void {
  const input = form.elements.namedItem('tagNames');
  if (!(input instanceof HTMLInputElement)) return;
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';

  const box = document.createElement('div');
  box.className = 'tag-suggestions';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', labels.suggestedTags);
  box.hidden = true;
  input.after(box);

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Answers can arrive out of order; only the latest request's answer is shown.
  let asked = 0;

  const add = (name: string) => {
    const names = tagNames(input);
    if (!names.includes(name)) input.value = [...names, name].join(', ');
    // Autosave listens for input events on the form; this also schedules the next refresh.
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const show = (suggestions: TagSuggestion[]) => {
    const have = new Set(tagNames(input));
    const fresh = suggestions.filter((s) => !have.has(s.name)).slice(0, maxChips);
    box.replaceChildren();
    box.hidden = fresh.length === 0;
    if (fresh.length === 0) return;
    const title = document.createElement('span');
    title.className = 'tag-suggestions-title';
    title.textContent = `${labels.suggestedTags}:`;
    box.append(title);
    for (const s of fresh) {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.className = 'secondary tag-chip';
      chip.dataset.tag = s.name;
      chip.textContent = `+ ${s.name}`;
      chip.setAttribute('aria-label', labels.addTag(s.name));
      // Show which words of the story matched, so the suggestion explains itself.
      if (s.forms.length > 0) chip.title = s.forms.join(', ');
      chip.addEventListener('click', () => {
        add(s.name);
        chip.remove();
        if (!box.querySelector('.tag-chip')) box.hidden = true;
      });
      box.append(chip, ' ');
    }
  };

  const refresh = async () => {
    const id = ++asked;
    const r = await api.suggestTags({ headline: field('headline'), dek: field('dek'), bodyHtml: editor.getHTML(), exclude: tagNames(input).slice(0, 50), limit: maxChips });
    // A failed call (offline, signed out) just leaves the last chips: suggestions are a help, not a step.
    if (id === asked && r.ok) show(r.data.suggestions);
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), debounceMs);
  };
  editor.on('update', schedule);
  for (const name of ['headline', 'dek']) {
    const el = form.elements.namedItem(name);
    if (el instanceof HTMLElement) el.addEventListener('input', schedule);
  }
  input.addEventListener('input', schedule);
  schedule();
}
