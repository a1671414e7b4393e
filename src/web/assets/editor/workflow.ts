// The editor's workflow panel in the browser: confirmation dialogs before destructive steps,
// the actions and the preview link of a new story as soon as its first save made it, the
// copy button, the social card and the word count following the fields as they are typed.
// Everything here has a server-side equivalent: without this script the same forms post and
// the server asks its own confirmation.
import type { Editor } from '@tiptap/core';
import { readingStats } from '../../../gujarati/reading.js';
import { workflowMessages } from '../../../i18n/workflow.js';
import { api } from './api.js';
import type { Autosave } from './autosave.js';

const w = workflowMessages(document.documentElement.lang.startsWith('en') ? 'en' : 'gu');

/** Asks a yes/no question in a modal <dialog> (Escape and Cancel say no; focus starts on Cancel). */
export function confirmStep(question: string): Promise<boolean> {
  const dialog = document.createElement('dialog');
  dialog.className = 'editor-dialog confirm-dialog';
  dialog.setAttribute('aria-labelledby', 'confirm-dialog-h');
  const heading = document.createElement('h2');
  heading.id = 'confirm-dialog-h';
  heading.textContent = w.confirmTitle;
  const text = document.createElement('p');
  text.textContent = question;
  const yes = document.createElement('button');
  yes.type = 'button';
  yes.textContent = w.confirmYes;
  const no = document.createElement('button');
  no.type = 'button';
  no.className = 'secondary';
  no.textContent = w.cancel;
  const buttons = document.createElement('p');
  buttons.append(yes, ' ', no);
  dialog.append(heading, text, buttons);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer = false;
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    dialog.showModal();
    no.focus();
  });
}

function absolute(path: string): string {
  return path ? new URL(path, location.origin).href : '';
}

function showPreview(path: string): void {
  const button = document.getElementById('preview-button');
  const field = document.getElementById('preview-url');
  if (button instanceof HTMLAnchorElement) button.href = path;
  if (field instanceof HTMLInputElement) field.value = absolute(path);
}

export function mountWorkflow(form: HTMLFormElement, autosave: Autosave, editor: Editor): void {
  // Workflow steps act on what is saved: save first, ask where the step is destructive, then post.
  for (const action of document.querySelectorAll<HTMLFormElement>('.actions form[data-step]')) {
    action.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!(await autosave.flush())) return;
      const question = action.dataset.confirm;
      if (question) {
        if (!(await confirmStep(question))) return;
        const yes = document.createElement('input');
        yes.type = 'hidden';
        yes.name = 'confirmed';
        yes.value = '1';
        action.append(yes);
      }
      action.submit();
    });
  }

  // A new story: its actions and preview link appear with its first save, without a reload.
  autosave.onCreated = async (id) => {
    for (const action of document.querySelectorAll<HTMLFormElement>('.actions form[data-step]')) action.action = `/newsroom/articles/${id}/${action.dataset.step}`;
    const link = await api.previewLink(id);
    if (link.ok) showPreview(link.data.path);
    for (const el of document.querySelectorAll<HTMLElement>('[data-needs-id]')) {
      if (el.classList.contains('preview-panel') && !link.ok) continue;
      el.hidden = false;
    }
  };

  const field = document.getElementById('preview-url');
  const copy = document.getElementById('copy-preview');
  if (field instanceof HTMLInputElement && copy instanceof HTMLButtonElement) {
    field.value = absolute(field.value);
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        // No clipboard permission: leave the link selected for Ctrl+C.
        field.select();
        return;
      }
      copy.textContent = w.linkCopied;
      setTimeout(() => (copy.textContent = w.copyLink), 2000);
    });
  }

  // The social card: og:title is the SEO title or else the headline; og:description the SEO description or else the summary.
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null)?.value.trim() ?? '';
  const title = document.querySelector<HTMLElement>('[data-card-title]');
  const desc = document.querySelector<HTMLElement>('[data-card-desc]');
  const card = () => {
    if (title) title.textContent = value('seoTitle') || value('headline');
    if (desc) desc.textContent = value('seoDescription') || value('dek');
  };
  form.addEventListener('input', card);

  const count = document.getElementById('word-count');
  const recount = () => {
    if (!count) return;
    const s = readingStats(editor.getText({ blockSeparator: ' ' }));
    count.textContent = w.wordCount(s.words, s.minutes);
  };
  editor.on('update', recount);
  recount();
}
