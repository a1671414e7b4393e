// The newsroom editor: mounts Tiptap over the body textarea of the article form and keeps
// the textarea in sync, so the form posts the same field with or without this script. If
// anything here fails, the textarea simply stays visible and usable.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { Autosave } from './autosave.js';
import { Embed, ImageFigure, type ImageFigureAttrs } from './nodes.js';
import { PhoneticTyping } from './phoneticTyping.js';
import { Spellcheck } from './spellcheck.js';
import { mountTagSuggestions } from './tagSuggestions.js';
import { mountFeaturedImage, pickerSettings } from './mediaPicker.js';
import { buildToolbar, editImageDetails } from './toolbar.js';
import { mountWorkflow } from './workflow.js';

function mount(): void {
  const form = document.getElementById('article-form');
  const host = document.getElementById('editor');
  const source = host && document.getElementById(host.dataset.for ?? '');
  if (!(form instanceof HTMLFormElement) || !host || !(source instanceof HTMLTextAreaElement)) return;

  const autosave = new Autosave(form);
  const phonetic = new PhoneticTyping();
  const editor: Editor = new Editor({
    element: host,
    extensions: [
      // Only what the body allow-list keeps: h2/h3, no code, strike or underline.
      StarterKit.configure({ heading: { levels: [2, 3] }, code: false, codeBlock: false, strike: false, underline: false, horizontalRule: false, link: false }),
      Link.configure({ openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto', 'tel'], defaultProtocol: 'https', HTMLAttributes: { rel: null, target: null } }),
      ImageFigure,
      Embed,
      phonetic.extension,
      Spellcheck,
    ],
    content: source.value,
    editorProps: {
      attributes: { class: 'editor-body', lang: 'gu', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': 'body-label' },
      handleDoubleClickOn: (_view, pos, node) => {
        if (node.type.name !== 'imageFigure') return false;
        void editImageDetails(editor, pos, node.attrs as ImageFigureAttrs);
        return true;
      },
    },
    onUpdate: ({ editor: e }) => {
      // ProseMirror keeps text exactly as typed (IME compositions, conjuncts, ZWJ/ZWNJ);
      // getHTML is what the form and the autosave send.
      source.value = e.getHTML();
      autosave.changed();
    },
  });

  // The label pointed at the textarea; it names the editor now.
  const label = document.querySelector<HTMLLabelElement>('label[for="body-html"]');
  if (label) label.id = 'body-label';
  const toolbar = buildToolbar(editor);
  toolbar.append(phonetic.button);
  host.before(toolbar);
  for (const name of ['headline', 'dek']) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) phonetic.attachField(field);
  }
  source.value = editor.getHTML();
  source.hidden = true;
  autosave.start();
  mountTagSuggestions(editor, form);
  const picker = pickerSettings();
  if (picker) mountFeaturedImage(form, picker);

  // Save through the API first, then leave: the plain post would race the autosave's version.
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if ((await autosave.flush()) && autosave.articleId) location.assign(`/newsroom/articles/${autosave.articleId}/edit?saved=1`);
  });
  mountWorkflow(form, autosave, editor);
}

try {
  mount();
} catch (err) {
  // Leave the plain textarea in place; the form still works without the editor.
  document.getElementById('body-html')?.removeAttribute('hidden');
  console.error('editor failed to start', err);
}
