// The media library page's small script: an oversized or wrong file is refused before the
// upload starts, the focal point of a crop is chosen on the image, and deleting an image asks first. Without it the server refuses the same
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

// The focal point of a card's crop: click the original, or move it with the arrow keys.
for (const stage of document.querySelectorAll<HTMLElement>('[data-focus-for]')) {
  const form = stage.closest('form');
  const x = form?.elements.namedItem('focusX');
  const y = form?.elements.namedItem('focusY');
  const marker = stage.querySelector<HTMLElement>('.focus-marker');
  const image = stage.querySelector('img');
  if (!(x instanceof HTMLInputElement) || !(y instanceof HTMLInputElement) || !marker || !image) continue;
  const set = (fx: number, fy: number) => {
    const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
    x.value = String(clamp(fx));
    y.value = String(clamp(fy));
    marker.style.left = `${Number(x.value) * 100}%`;
    marker.style.top = `${Number(y.value) * 100}%`;
  };
  stage.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect();
    set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  });
  stage.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    set(Number(x.value) + move[0], Number(y.value) + move[1]);
  });
}

for (const del of document.querySelectorAll<HTMLFormElement>('form[data-confirm]')) {
  del.addEventListener('submit', (event) => {
    if (!confirm(del.dataset.confirm ?? '')) event.preventDefault();
  });
}
