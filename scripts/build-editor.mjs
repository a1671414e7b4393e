// Bundles the newsroom editor (Tiptap/ProseMirror, browser TypeScript) into one ES module
// at src/web/assets/build/editor.js, served as /assets/build/editor.js, and the media
// library page's small script into mediaLibrary.js beside it. Run by `npm run build`
// (and so by `npm install` / `npm ci` through `prepare`); the output is git-ignored.
// `--watch` rebuilds on change while working on the editor.
import { build, context } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = {
  entryPoints: { editor: join(root, 'src/web/assets/editor/main.ts'), mediaLibrary: join(root, 'src/web/assets/editor/mediaLibrary.ts') },
  outdir: join(root, 'src/web/assets/build'),
  bundle: true,
  format: 'esm',
  // Chromium/Firefox/Safari of the last few years: newsroom machines, not readers' phones.
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
};

if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
  console.log('watching the editor source…');
} else {
  const result = await build({ ...options, metafile: true });
  for (const [file, o] of Object.entries(result.metafile.outputs)) {
    if (o.entryPoint) console.log(`${file.split('/').pop()}: ${(o.bytes / 1024).toFixed(0)} KiB`);
  }
}
