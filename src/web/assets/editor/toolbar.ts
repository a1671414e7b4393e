// The formatting toolbar: one button per command, Gujarati label plus a fuller aria-label,
// aria-pressed showing what applies at the cursor. Buttons are type=button: the editor
// sits inside the article form and a click must never submit it.
import type { Editor } from '@tiptap/core';
import { recognizeEmbed } from '../../../content/embeds.js';
import { api } from './api.js';
import { ask } from './dialog.js';
import { labels, type ButtonLabel } from './labels.js';
import { openPicker, pickerSettings } from './mediaPicker.js';
import type { ImageFigureAttrs } from './nodes.js';

interface Tool {
  key: string;
  label: ButtonLabel;
  run: (editor: Editor) => unknown;
  /** When set, the button shows aria-pressed. */
  active?: (editor: Editor) => boolean;
}

async function editLink(editor: Editor): Promise<void> {
  const current = String(editor.getAttributes('link').href ?? '');
  const data = await ask(labels.link[1], [{ name: 'url', label: labels.linkUrl, type: 'url', value: current }]);
  if (!data) return;
  const url = String(data.get('url') ?? '').trim();
  const chain = editor.chain().focus().extendMarkRange('link');
  if (url) chain.setLink({ href: url }).run();
  else chain.unsetLink().run();
}

async function insertEmbed(editor: Editor): Promise<void> {
  const data = await ask(labels.embed[1], [{ name: 'url', label: labels.embedUrl, type: 'url', required: true }], async (d) =>
    recognizeEmbed(String(d.get('url') ?? '')) ? undefined : labels.embedBad,
  );
  const found = data && recognizeEmbed(String(data.get('url') ?? ''));
  if (found) editor.chain().focus().insertContent({ type: 'embed', attrs: { url: found.url } }).run();
}

async function insertImage(editor: Editor): Promise<void> {
  const picker = pickerSettings();
  if (picker) {
    const img = await openPicker(picker, 'body');
    if (img) editor.chain().focus().insertContent({ type: 'imageFigure', attrs: { src: img.src, srcset: img.srcset, width: img.width, height: img.height, alt: img.alt, caption: img.caption } satisfies ImageFigureAttrs }).run();
    return;
  }
  // Without the picker's settings on the page: upload one file through a plain dialog.
  let uploaded: ImageFigureAttrs | undefined;
  await ask(
    labels.image[1],
    [
      { name: 'file', label: labels.imageFile, type: 'file', required: true, accept: 'image/jpeg,image/png,image/webp,image/gif' },
      { name: 'alt', label: labels.imageAlt, required: true },
      { name: 'caption', label: labels.imageCaption },
    ],
    async (d) => {
      const file = d.get('file');
      if (!(file instanceof File) || file.size === 0) return labels.imageFile;
      const alt = String(d.get('alt') ?? '').trim();
      const caption = String(d.get('caption') ?? '').trim();
      const r = await api.upload(file, alt, caption);
      if (!r.ok) return r.message;
      uploaded = { src: r.data.src, srcset: r.data.srcset, width: r.data.width, height: r.data.height, alt, caption };
      return undefined;
    },
  );
  if (uploaded) editor.chain().focus().insertContent({ type: 'imageFigure', attrs: uploaded }).run();
}

/** Alt text and caption of an image already in the body (double-click it). */
export async function editImageDetails(editor: Editor, pos: number, attrs: ImageFigureAttrs): Promise<void> {
  const data = await ask(labels.imageEdit, [
    { name: 'alt', label: labels.imageAlt, required: true, value: attrs.alt },
    { name: 'caption', label: labels.imageCaption, value: attrs.caption },
  ]);
  if (!data) return;
  const alt = String(data.get('alt') ?? '').trim();
  const caption = String(data.get('caption') ?? '').trim();
  editor.chain().focus().command(({ tr }) => {
    tr.setNodeMarkup(pos, undefined, { ...attrs, alt, caption });
    return true;
  }).run();
}

const tools: Tool[] = [
  { key: 'paragraph', label: labels.paragraph, run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
  { key: 'h2', label: labels.h2, run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  { key: 'h3', label: labels.h3, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  { key: 'bold', label: labels.bold, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { key: 'italic', label: labels.italic, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  { key: 'link', label: labels.link, run: editLink, active: (e) => e.isActive('link') },
  { key: 'bulletList', label: labels.bulletList, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { key: 'orderedList', label: labels.orderedList, run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { key: 'quote', label: labels.quote, run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
  { key: 'image', label: labels.image, run: insertImage },
  { key: 'embed', label: labels.embed, run: insertEmbed },
  { key: 'undo', label: labels.undo, run: (e) => e.chain().focus().undo().run() },
  { key: 'redo', label: labels.redo, run: (e) => e.chain().focus().redo().run() },
];

export function buildToolbar(editor: Editor): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'toolbar editor-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', labels.toolbar);
  const pressed: [HTMLButtonElement, (e: Editor) => boolean][] = [];
  for (const tool of tools) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.dataset.tool = tool.key;
    b.textContent = tool.label[0];
    b.setAttribute('aria-label', tool.label[1]);
    b.title = tool.label[1];
    // Keep the editor's selection: a mousedown on the button would otherwise blur it first.
    b.addEventListener('mousedown', (event) => event.preventDefault());
    b.addEventListener('click', () => void tool.run(editor));
    if (tool.active) pressed.push([b, tool.active]);
    bar.append(b);
  }
  const refresh = () => {
    for (const [b, on] of pressed) b.setAttribute('aria-pressed', String(on(editor)));
  };
  editor.on('transaction', refresh);
  refresh();
  return bar;
}
