// The media picker: one modal dialog to find an image (search in Gujarati or Latin letters,
// pages), upload one in place (file button, drag and drop, paste), fix its alt and caption,
// choose its crop and focal point, and use it as the featured image or put it in the body.
// A native modal <dialog>: the page behind is inert, Tab stays inside, Escape closes.
import type { PickerImage } from '../../newsroom/mediaPresenter.js';
import type { PickerLabels } from '../../../i18n/mediaPicker.js';
import type { MediaAspect } from '../../../db/schema.js';
import { api } from './api.js';
import { uploadProblem } from './uploadCheck.js';

export type { PickerImage, PickerLabels };

export interface PickerSettings {
  labels: PickerLabels;
  maxBytes: number;
}

/** Reads the picker's words and the upload limit the page put on the featured-image field. */
export function pickerSettings(): PickerSettings | undefined {
  const el = document.getElementById('featured-image');
  if (!el?.dataset.pickerLabels) return undefined;
  return { labels: JSON.parse(el.dataset.pickerLabels) as PickerLabels, maxBytes: Number(el.dataset.maxBytes) };
}

const aspects: MediaAspect[] = ['original', '16:9', '4:3', '1:1', '3:4'];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/**
 * Opens the picker. `purpose` names the final button ("use as featured image" or "insert in
 * body"); resolves with the chosen image (its details saved), or null when closed.
 */
export function openPicker(settings: PickerSettings, purpose: 'featured' | 'body'): Promise<PickerImage | null> {
  const L = settings.labels;
  const uid = `mp${Math.random().toString(36).slice(2, 8)}`;
  const dialog = el('dialog', { className: 'media-picker' });
  dialog.setAttribute('aria-labelledby', `${uid}-title`);
  const title = el('h2', { id: `${uid}-title` }, L.pickerTitle);
  const close = el('button', { type: 'button', className: 'secondary picker-close' }, L.close);

  // Upload: a file button, and the whole dialog takes drops and pastes.
  const fileInput = el('input', { type: 'file', id: `${uid}-file`, accept: 'image/jpeg,image/png,image/webp,image/gif' });
  const drop = el('div', { className: 'picker-drop' }, el('label', { htmlFor: fileInput.id }, L.upload), fileInput, el('p', {}, L.dropHere));
  const status = el('p', { className: 'picker-status' });
  status.setAttribute('role', 'status');
  const problem = el('p', { className: 'notice notice-error', hidden: true });
  problem.setAttribute('role', 'alert');

  // Search and results.
  const q = el('input', { type: 'search', id: `${uid}-q`, placeholder: L.searchPlaceholder, lang: 'gu' });
  const searchForm = el('form', { className: 'picker-search' }, el('label', { htmlFor: q.id }, L.searchLabel), el('div', { className: 'search-row' }, q, el('button', { type: 'submit' }, L.search)));
  searchForm.setAttribute('role', 'search');
  const results = el('ul', { className: 'picker-results' });
  results.setAttribute('aria-label', L.results);
  const prev = el('button', { type: 'button', className: 'secondary' }, L.previous);
  const next = el('button', { type: 'button', className: 'secondary' }, L.next);
  const pageInfo = el('span');
  const pager = el('nav', { className: 'pager' }, prev, pageInfo, next);
  pager.setAttribute('aria-label', L.pagination);

  // The chosen image: focal point, crop, alt, caption, and the final action.
  const preview = el('img', { className: 'picker-preview-img', alt: '' });
  const marker = el('span', { className: 'focus-marker' });
  // The part the variants will keep, with the rest dimmed (as media/images.ts cropRegion cuts it).
  const frame = el('span', { className: 'crop-frame', hidden: true });
  const stage = el('div', { className: 'picker-stage', tabIndex: 0 }, preview, frame, marker);
  stage.setAttribute('role', 'button');
  stage.setAttribute('aria-label', `${L.focus}. ${L.focusKeys}`);
  const aspect = el('select', { id: `${uid}-aspect` });
  for (const a of aspects) aspect.append(el('option', { value: a }, L.aspects[a]));
  const alt = el('input', { type: 'text', id: `${uid}-alt`, lang: 'gu', name: 'alt' });
  const caption = el('input', { type: 'text', id: `${uid}-caption`, lang: 'gu', name: 'caption' });
  const save = el('button', { type: 'button', className: 'secondary' }, L.save);
  const choose = el('button', { type: 'button', className: 'picker-choose' }, purpose === 'featured' ? L.useFeatured : L.insertBody);
  const detail = el(
    'section',
    { className: 'picker-detail', hidden: true },
    el('h3', {}, L.selected),
    el('p', { className: 'hint' }, L.focus),
    stage,
    el('label', { htmlFor: aspect.id }, L.crop),
    aspect,
    el('p', { className: 'hint' }, L.cropNote),
    el('label', { htmlFor: alt.id }, L.alt),
    alt,
    el('label', { htmlFor: caption.id }, L.caption),
    caption,
    el('p', { className: 'picker-buttons' }, choose, ' ', save),
  );
  detail.setAttribute('aria-label', L.selected);

  const head = el('div', { className: 'picker-head' }, title, close);
  const body = el('div', { className: 'picker-body' }, el('div', { className: 'picker-list' }, drop, searchForm, results, pager), detail);
  dialog.append(head, status, problem, body);
  document.body.append(dialog);

  let page = 1;
  let selected: PickerImage | undefined;
  let focus = { x: 0.5, y: 0.5 };
  let result: PickerImage | null = null;

  const say = (text: string) => {
    status.textContent = text;
  };
  const fail = (text: string) => {
    problem.textContent = text;
    problem.hidden = !text;
  };
  const ratios: Record<string, number> = { '16:9': 16 / 9, '4:3': 4 / 3, '1:1': 1, '3:4': 3 / 4 };
  const placeMarker = () => {
    marker.style.left = `${focus.x * 100}%`;
    marker.style.top = `${focus.y * 100}%`;
    const ratio = ratios[aspect.value];
    const imageRatio = preview.naturalWidth / preview.naturalHeight;
    frame.hidden = !ratio || !Number.isFinite(imageRatio);
    if (frame.hidden || !ratio) return;
    const w = Math.min(1, ratio / imageRatio);
    const h = Math.min(1, (imageRatio * w) / ratio);
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
    Object.assign(frame.style, { left: `${clamp(focus.x - w / 2, 1 - w) * 100}%`, top: `${clamp(focus.y - h / 2, 1 - h) * 100}%`, width: `${w * 100}%`, height: `${h * 100}%` });
  };
  preview.addEventListener('load', () => placeMarker());
  aspect.addEventListener('change', () => placeMarker());

  const select = (img: PickerImage) => {
    selected = img;
    focus = { x: img.focusX, y: img.focusY };
    preview.src = img.original;
    preview.alt = img.alt;
    aspect.value = img.aspect;
    alt.value = img.alt;
    caption.value = img.caption;
    for (const c of [stage, aspect, alt, caption, save]) (c as HTMLInputElement).disabled = !img.mayEdit;
    stage.tabIndex = img.mayEdit ? 0 : -1;
    save.hidden = !img.mayEdit;
    placeMarker();
    detail.hidden = false;
    for (const b of results.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.id === String(img.id)));
    alt.focus();
  };

  function itemButton(img: PickerImage): HTMLButtonElement {
    const b = el('button', { type: 'button', className: 'picker-item' }, el('img', { src: img.thumb, alt: '', width: 160, height: Math.round((160 * img.height) / img.width), loading: 'lazy' }), el('span', {}, img.alt || img.fileName));
    b.dataset.id = String(img.id);
    b.setAttribute('aria-pressed', String(selected?.id === img.id));
    b.addEventListener('click', () => select(img));
    return b;
  }

  const render = (items: PickerImage[], pages: number, query: string) => {
    results.replaceChildren();
    if (items.length === 0) results.append(el('li', { className: 'picker-empty' }, query ? L.nothingFound.replace('{q}', query) : L.empty));
    for (const img of items) results.append(el('li', {}, itemButton(img)));
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    pager.hidden = pages <= 1;
    pageInfo.textContent = `${page} / ${pages}`;
  };

  const load = async () => {
    say(L.loading);
    const query = q.value.trim();
    const r = await api.findMedia(query, page);
    if (!r.ok) {
      say('');
      return fail(r.message);
    }
    page = r.data.page;
    render(r.data.items, r.data.pages, query);
    say('');
  };

  const upload = async (file: File) => {
    fail('');
    const refused = uploadProblem(file, settings.maxBytes, L);
    if (refused) return fail(refused);
    say(L.uploading.replace('{name}', file.name));
    const r = await api.upload(file, '', '');
    if (!r.ok) {
      say('');
      return fail(r.message);
    }
    say(L.uploaded.replace('{name}', file.name));
    q.value = '';
    page = 1;
    await load();
    select(r.data);
  };

  /** Saves what was changed here; the image as stored afterwards. */
  const saveDetails = async (): Promise<PickerImage | undefined> => {
    if (!selected) return undefined;
    if (!selected.mayEdit) return selected;
    const changed = alt.value !== selected.alt || caption.value !== selected.caption || aspect.value !== selected.aspect || focus.x !== selected.focusX || focus.y !== selected.focusY;
    if (!changed) return selected;
    const r = await api.updateMedia(selected.id, { alt: alt.value.trim(), caption: caption.value.trim(), aspect: aspect.value as MediaAspect, focusX: focus.x, focusY: focus.y });
    if (!r.ok) {
      fail(r.message);
      return undefined;
    }
    selected = r.data;
    // The grid shows what was saved (a new crop has a new thumbnail).
    const item = results.querySelector<HTMLButtonElement>(`button[data-id="${r.data.id}"]`);
    item?.replaceWith(itemButton(r.data));
    say(L.saved);
    return r.data;
  };

  stage.addEventListener('click', (event) => {
    if (!selected?.mayEdit) return;
    const box = preview.getBoundingClientRect();
    focus = { x: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)), y: Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)) };
    placeMarker();
  });
  stage.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move || !selected?.mayEdit) return;
    event.preventDefault();
    focus = { x: Math.min(1, Math.max(0, focus.x + move[0])), y: Math.min(1, Math.max(0, focus.y + move[1])) };
    placeMarker();
  });
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    page = 1;
    void load();
  });
  prev.addEventListener('click', () => {
    page -= 1;
    void load();
  });
  next.addEventListener('click', () => {
    page += 1;
    void load();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void upload(file);
    fileInput.value = '';
  });
  dialog.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  dialog.addEventListener('dragleave', () => drop.classList.remove('over'));
  dialog.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file) void upload(file);
  });
  dialog.addEventListener('paste', (event) => {
    const file = [...(event.clipboardData?.files ?? [])][0];
    if (!file) return;
    event.preventDefault();
    void upload(file);
  });
  save.addEventListener('click', () => void saveDetails());
  choose.addEventListener('click', async () => {
    fail('');
    if (purpose === 'body' && !alt.value.trim()) {
      fail(L.needAlt);
      alt.focus();
      return;
    }
    const img = await saveDetails();
    if (!img) return;
    result = purpose === 'body' ? { ...img, alt: alt.value.trim(), caption: caption.value.trim() } : img;
    dialog.close();
  });
  close.addEventListener('click', () => dialog.close());

  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    dialog.showModal();
    q.focus();
    void load();
  });
}

/**
 * The featured-image field: a thumbnail with its alt (never a bare id), buttons to choose,
 * change or remove it; the hidden `featuredMediaId` input is what the form and autosave send.
 */
export function mountFeaturedImage(form: HTMLFormElement, settings: PickerSettings): void {
  const field = document.getElementById('featured-image');
  const idInput = form.elements.namedItem('featuredMediaId');
  if (!field || !(idInput instanceof HTMLInputElement)) return;
  const thumb = field.querySelector<HTMLImageElement>('.featured-thumb img');
  const altText = field.querySelector<HTMLElement>('.featured-alt');
  const chooseButton = field.querySelector<HTMLButtonElement>('[data-featured=choose]');
  const removeButton = field.querySelector<HTMLButtonElement>('[data-featured=remove]');
  const altField = form.elements.namedItem('featuredAlt');
  const captionField = form.elements.namedItem('featuredCaption');
  if (!thumb || !altText || !chooseButton || !removeButton) return;
  const L = settings.labels;

  const show = (img: { thumb: string; alt: string; width: number; height: number } | null) => {
    field.dataset.empty = String(!img);
    thumb.hidden = !img;
    if (img) {
      thumb.src = img.thumb;
      thumb.alt = img.alt;
      thumb.width = 240;
      thumb.height = Math.round((240 * img.height) / img.width);
    } else thumb.removeAttribute('src');
    altText.textContent = img ? img.alt || L.noAlt : L.noFeatured;
    chooseButton.textContent = img ? L.changeFeatured : L.chooseFeatured;
    removeButton.hidden = !img;
  };
  const changed = () => idInput.dispatchEvent(new Event('change', { bubbles: true }));

  chooseButton.hidden = false;
  removeButton.hidden = !idInput.value;
  // The way without a script (through the media library page) gives way to the picker.
  const withoutScript = field.querySelector<HTMLElement>('[data-featured=nojs]');
  if (withoutScript) withoutScript.hidden = true;
  chooseButton.addEventListener('click', async () => {
    const img = await openPicker(settings, 'featured');
    chooseButton.focus();
    if (!img) return;
    idInput.value = String(img.id);
    // The story's own alt and caption start as the image's; they can still differ per story.
    if (altField instanceof HTMLInputElement) altField.value = img.alt;
    if (captionField instanceof HTMLInputElement) captionField.value = img.caption;
    show(img);
    changed();
  });
  removeButton.addEventListener('click', () => {
    idInput.value = '';
    show(null);
    changed();
    chooseButton.focus();
  });
}
