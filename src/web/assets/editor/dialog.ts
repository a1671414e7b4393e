// One small modal form for everything the editor asks (link URL, embed URL, image file,
// alt and caption). A native <dialog>: focus trapping, Escape and the backdrop come free.
import { labels } from './labels.js';

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'url' | 'file';
  value?: string;
  required?: boolean;
  accept?: string;
}

/**
 * Shows the fields and resolves with the form's values, or null when cancelled.
 * `check` runs on submit (e.g. the upload) and returns an error to show, keeping the dialog open.
 */
export function ask(title: string, fields: Field[], check?: (data: FormData) => Promise<string | undefined>): Promise<FormData | null> {
  const dialog = document.createElement('dialog');
  dialog.className = 'editor-dialog';
  const form = document.createElement('form');
  form.method = 'dialog';
  const heading = document.createElement('h2');
  heading.textContent = title;
  form.append(heading);
  const id = `d${Math.random().toString(36).slice(2, 8)}`;
  for (const f of fields) {
    const label = document.createElement('label');
    label.htmlFor = `${id}-${f.name}`;
    label.textContent = f.label;
    const input = document.createElement('input');
    input.id = `${id}-${f.name}`;
    input.name = f.name;
    input.type = f.type ?? 'text';
    if (f.type !== 'file') input.lang = 'gu';
    if (f.value) input.value = f.value;
    if (f.required) input.required = true;
    if (f.accept) input.accept = f.accept;
    form.append(label, input);
  }
  const error = document.createElement('p');
  error.className = 'notice notice-error';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const buttons = document.createElement('p');
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.textContent = labels.insert;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'secondary';
  cancel.textContent = labels.cancel;
  buttons.append(ok, ' ', cancel);
  form.append(error, buttons);
  dialog.append(form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    let result: FormData | null = null;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      if (check) {
        ok.disabled = true;
        error.hidden = true;
        const problem = await check(data);
        ok.disabled = false;
        if (problem) {
          error.textContent = problem;
          error.hidden = false;
          return;
        }
      }
      result = data;
      dialog.close();
    });
    dialog.showModal();
  });
}
