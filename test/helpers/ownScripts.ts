/**
 * The scripts the reader pages load from our own assets. A hostile-input test allows these and
 * nothing else: any other <script> on a served page came from stored content.
 */
export const ownScriptSrcs: readonly string[] = ['/assets/site.js', '/assets/storyPush.js'];

/** True for a script element's `type` and `src` that the site itself wrote. */
export function isOwnScript(type: string | undefined, src: string | undefined): boolean {
  return type === 'application/ld+json' || (src !== undefined && ownScriptSrcs.includes(src));
}
