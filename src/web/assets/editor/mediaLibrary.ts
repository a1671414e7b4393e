// The media library page's small script: an oversized or wrong file is refused before the
// upload starts, and deleting an image asks first. Without it the server refuses the same
// files (the limit while reading) and deletes without asking.
import { uploadProblem } from './uploadCheck.js';

const form = document.querySelector<HTMLFormElement>('form.media-upload');
const input = form?.querySelector<HTMLInputElement>('input[type=file]');
const error = form?.querySelector<HTMLElement>('[data-upload-error]');
if (form && input && error) {
  const check = () => {
    const file = input.files?.[0];
    const problem = file && uploadProblem(file, Number(form.dataset.maxBytes), { tooBig: form.dataset.tooBig ?? '', wrongType: form.dataset.wrongType ?? '' });
    error.textContent = problem ?? '';
    error.hidden = !problem;
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    return !problem;
  };
  input.addEventListener('change', check);
  form.addEventListener('submit', (event) => {
    if (!check()) {
      event.preventDefault();
      input.focus();
    }
  });
}

for (const del of document.querySelectorAll<HTMLFormElement>('form[data-confirm]')) {
  del.addEventListener('submit', (event) => {
    if (!confirm(del.dataset.confirm ?? '')) event.preventDefault();
  });
}
