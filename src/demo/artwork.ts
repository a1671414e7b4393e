import { createHash } from 'node:crypto';
import type { DemoImage } from './types.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Abstract artwork for a demo story, drawn from its palette and a hash of its key, so every
 * image differs and nothing needs a font (machines without Gujarati fonts draw it the same).
 */
export function demoArtworkSvg(image: DemoImage, width = 1200, height = 675): string {
  const bytes = createHash('sha256').update(image.key).digest();
  const [from, to] = image.palette;
  const shapes: string[] = [];
  for (let i = 0; i < 7; i++) {
    const b = (k: number) => bytes[(i * 4 + k) % bytes.length] ?? 0;
    const cx = Math.round((b(0) / 255) * width);
    const cy = Math.round((b(1) / 255) * height);
    const r = Math.round(60 + (b(2) / 255) * 260);
    const opacity = (0.12 + (b(3) / 255) * 0.3).toFixed(2);
    shapes.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="#fff" fill-opacity="${opacity}"/>`);
  }
  const horizon = Math.round(height * (0.55 + ((bytes[30] ?? 0) / 255) * 0.25));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(image.label)}</title>`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#g)"/>`,
    ...shapes,
    `<path d="M0 ${horizon} Q ${width / 3} ${horizon - 90} ${width / 2} ${horizon} T ${width} ${horizon} V ${height} H 0 Z" fill="#000" fill-opacity="0.18"/>`,
    '</svg>',
  ].join('');
}
