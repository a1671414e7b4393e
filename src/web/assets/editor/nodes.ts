// The two block nodes Tiptap lacks, shaped exactly as the body allow-list stores them
// (newsroom/sanitize.ts): an image with alt and caption, and an embed that is only a URL.
// Both are atoms: edited through a dialog (double-click), never half-typed into.
import { Node } from '@tiptap/core';

export interface ImageFigureAttrs {
  src: string;
  srcset: string | null;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string;
}

const num = (v: string | null) => (v && /^[0-9]+$/.test(v) ? Number(v) : null);

/** `<figure class="image"><img src srcset sizes width height alt><figcaption>…</figcaption></figure>` */
export const ImageFigure = Node.create({
  name: 'imageFigure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    // Rendered by renderHTML below as one structure, not as attributes on the figure.
    const plain = (fallback: unknown) => ({ default: fallback, rendered: false });
    return { src: plain(''), srcset: plain(null), width: plain(null), height: plain(null), alt: plain(''), caption: plain('') };
  },

  parseHTML() {
    const fromImg = (img: HTMLImageElement, caption: string): ImageFigureAttrs => ({
      src: img.getAttribute('src') ?? '',
      srcset: img.getAttribute('srcset'),
      width: num(img.getAttribute('width')),
      height: num(img.getAttribute('height')),
      alt: img.getAttribute('alt') ?? '',
      caption,
    });
    return [
      {
        tag: 'figure.image',
        getAttrs: (el) => {
          const img = el.querySelector('img');
          return img ? fromImg(img, el.querySelector('figcaption')?.textContent?.trim() ?? '') : false;
        },
      },
      // Bodies from imports and older stories have bare images: they become figures.
      { tag: 'img[src]', getAttrs: (el) => fromImg(el as HTMLImageElement, '') },
    ];
  },

  renderHTML({ node }) {
    const a = node.attrs as ImageFigureAttrs;
    const img: Record<string, string> = { src: a.src, alt: a.alt, loading: 'lazy', decoding: 'async' };
    if (a.srcset) Object.assign(img, { srcset: a.srcset, sizes: '(min-width: 48rem) 46rem, 100vw' });
    if (a.width && a.height) Object.assign(img, { width: String(a.width), height: String(a.height) });
    return a.caption ? ['figure', { class: 'image' }, ['img', img], ['figcaption', {}, a.caption]] : ['figure', { class: 'image' }, ['img', img]];
  },
});

/** `<figure class="embed" data-embed="URL"><a href="URL">URL</a></figure>`: the page makes the player. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return { url: { default: '', rendered: false } };
  },

  parseHTML() {
    return [{ tag: 'figure.embed[data-embed]', getAttrs: (el) => ({ url: el.getAttribute('data-embed') ?? '' }) }];
  },

  renderHTML({ node }) {
    const url = String(node.attrs.url);
    return ['figure', { class: 'embed', 'data-embed': url }, ['a', { href: url }, url]];
  },
});
