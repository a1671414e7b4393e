// The layer order of DESIGN.md, checked by `npm run check:layers` (part of `npm test`).
// A module may import its own layer and the layers below it, never one above or a sibling
// it has no business with. Type-only imports count: `tsPreCompilationDeps` keeps them.
const ground = ['gujarati', 'db', 'i18n', 'config\\.ts', 'paths\\.ts', 'types', 'mail'];
const layers = [
  ['content'],
  ['search'],
  ['newsroom', 'audience', 'media'],
  ['distribution'],
  ['importers', 'demo'],
  ['web'],
  ['main\\.ts'],
];
const re = (names) => `^src/(${names.join('|')})(/|$)`;

const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'Import cycles (type-only ones included) make the layers meaningless.',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'ground-stays-ground',
    severity: 'error',
    comment: 'gujarati/, db/, i18n/ and config are the ground floor: they import nothing above them.',
    from: { path: re(ground) },
    to: { path: re(layers.flat()) },
  },
  {
    name: 'mail-uses-config-and-i18n-only',
    severity: 'error',
    comment: 'mail/ is the SMTP transport: it knows the configuration and the message texts, nothing else of the project.',
    from: { path: '^src/mail/' },
    to: { path: '^src/(?!mail/|config\\.ts$|i18n/)' },
  },
  {
    name: 'gujarati-is-pure',
    severity: 'error',
    comment: 'gujarati/ is pure text functions: no database, no configuration, no I/O.',
    from: { path: '^src/gujarati/' },
    to: { path: '^src/(?!gujarati/)' },
  },
];
layers.forEach((layer, i) => {
  const above = layers.slice(i + 1).flat();
  if (above.length > 0) {
    forbidden.push({
      name: `${layer.join('-').replace(/\\\.ts/g, '')}-imports-upwards`,
      severity: 'error',
      comment: `${layer.join(', ')} may not import a layer above it.`,
      from: { path: re(layer) },
      to: { path: re(above) },
    });
  }
  for (const name of layer) {
    const siblings = layer.filter((n) => n !== name);
    if (siblings.length > 0) {
      forbidden.push({
        name: `${name}-imports-sibling`,
        severity: 'error',
        comment: `${name} may not import its sibling layers (${siblings.join(', ')}).`,
        from: { path: re([name]) },
        to: { path: re(siblings) },
      });
    }
  }
});
forbidden.push({
  name: 'browser-code-stays-in-the-browser',
  severity: 'error',
  comment:
    'The editor bundle runs in the browser: from server code it takes types only, the pure embed rules, the pure text functions (gujarati/: word counts as the server counts them) and the UI strings (i18n/: one wording on both sides).',
  from: { path: '^src/web/assets/' },
  to: { path: '^src/(?!web/assets/|content/embeds\\.ts$|gujarati/|i18n/)', dependencyTypesNot: ['type-only'] },
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/web/assets/.*\\.(css|js|svg)$' },
  },
};
