// Which stored images a story's body shows. Bodies carry the files' URLs (`/media/<path>` of
// the original, or of a variant `<stem>-<width>.<format>`), not image ids; these pure functions
// read them back, so the media-use index and the library agree on what "used" means.

const variantSuffix = /-(?:400|800|1200)\.(?:webp|jpg)$/;

/** A stored path without its extension: `demo/metro.jpg` → `demo/metro`. */
export const pathStem = (path: string): string => path.replace(/\.[a-z0-9]+$/i, '');

/** One file a body points at: the path as written, and the original's stem when it names a variant. */
export interface MediaRef {
  path: string;
  variantOf?: string;
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Every media file the HTML points at (src, srcset, href), once each. */
export function mediaRefsIn(html: string): MediaRef[] {
  const seen = new Map<string, MediaRef>();
  for (const m of html.matchAll(/\/media\/([^"'\s<>?#,)]+)/g)) {
    const path = decoded(m[1]!);
    if (seen.has(path)) continue;
    seen.set(path, variantSuffix.test(path) ? { path, variantOf: path.replace(variantSuffix, '') } : { path });
  }
  return [...seen.values()];
}

/** Whether an image stored at `path` (or formerly at one of `paths`) is one of the files referred to. */
export function refersTo(refs: readonly MediaRef[], paths: readonly string[]): boolean {
  return paths.some((p) => refs.some((r) => r.path === p || r.variantOf === pathStem(p)));
}

/** Every path an image's files have had (the current one first); `former_paths` is a JSON array. */
export function pathsOf(m: { path: string; former_paths: string }): string[] {
  const former = JSON.parse(m.former_paths) as unknown;
  return [m.path, ...(Array.isArray(former) ? former.filter((p): p is string => typeof p === 'string') : [])];
}
