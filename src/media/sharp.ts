import type SharpModule from 'sharp';

let loading: Promise<typeof SharpModule> | undefined;

/**
 * sharp and libvips cost about 28 MB resident once loaded; a process that only serves
 * cached pages never touches an image, so they are loaded on first use.
 */
export function loadSharp(): Promise<typeof SharpModule> {
  return (loading ??= import('sharp').then((m) => m.default));
}
