/** Widths every stored image is made in; pages offer them through `srcset`. */
export const variantWidths = [400, 800, 1200] as const;
export type VariantWidth = (typeof variantWidths)[number];
export type VariantFormat = 'webp' | 'jpg';

/** `demo/metro.jpg` at 800 px as WebP → `demo/metro-800.webp`. */
export function variantPath(path: string, width: VariantWidth, format: VariantFormat): string {
  return `${path.replace(/\.[a-z0-9]+$/i, '')}-${width}.${format}`;
}

/** Every file an image consists of: the original, then each variant. */
export function imageKeys(path: string): string[] {
  return [path, ...variantWidths.flatMap((w) => [variantPath(path, w, 'webp'), variantPath(path, w, 'jpg')])];
}
