// The editor's own words, in the person's newsroom language (the page's <html lang>).
// Gujarati is the default; the server's labels for save states come from data-labels.

export type ButtonLabel = [visible: string, accessible: string];
const b = (visible: string, accessible: string): ButtonLabel => [visible, accessible];

const gu = {
  toolbar: 'લખાણનાં સાધનો',
  paragraph: b('ફકરો', 'સાદો ફકરો'),
  h2: b('મથાળું', 'મોટું પેટા-મથાળું (H2)'),
  h3: b('નાનું મથાળું', 'નાનું પેટા-મથાળું (H3)'),
  bold: b('ઘાટું', 'ઘાટા અક્ષર'),
  italic: b('ત્રાંસું', 'ત્રાંસા અક્ષર'),
  link: b('કડી', 'કડી (લિંક) ઉમેરો કે બદલો'),
  bulletList: b('• યાદી', 'બિંદુવાળી યાદી'),
  orderedList: b('૧. યાદી', 'ક્રમાંકવાળી યાદી'),
  quote: b('અવતરણ', 'અવતરણ (ક્વોટ)'),
  image: b('છબી', 'છબી અપલોડ કરીને ઉમેરો'),
  embed: b('એમ્બેડ', 'YouTube, X, Instagram કે Facebook એમ્બેડ ઉમેરો'),
  undo: b('↶', 'પૂર્વવત્ કરો'),
  redo: b('↷', 'ફરી કરો'),
  linkUrl: 'કડીનું સરનામું (URL) — ખાલી રાખો તો કડી દૂર થશે',
  embedUrl: 'YouTube, X, Instagram કે Facebook પોસ્ટનું સરનામું (URL)',
  embedBad: 'આ સરનામું ઓળખાયું નહીં: YouTube વિડિયો કે X / Instagram / Facebook પોસ્ટની કડી આપો.',
  imageFile: 'છબીની ફાઇલ (JPEG, PNG, WebP, GIF)',
  imageAlt: 'વૈકલ્પિક લખાણ (alt): છબીમાં શું દેખાય છે',
  imageCaption: 'કૅપ્શન',
  imageEdit: 'છબીની વિગત',
  uploading: 'અપલોડ થઈ રહ્યું છે…',
  insert: 'ઉમેરો',
  cancel: 'રદ કરો',
  needHeadline: 'સાચવવા માટે શીર્ષક લખો',
  saveFailed: 'સાચવી શકાયું નહીં; થોડી વારમાં ફરી પ્રયત્ન થશે',
  conflict: (who: string) => `${who} એ તમે ખોલ્યા પછી આ લેખ સાચવ્યો છે. તેમના ફેરફાર:`,
  someone: 'બીજા કોઈ',
  reload: 'તેમનું સંસ્કરણ ખોલો (ફરી લોડ કરો)',
  keepMine: 'મારા ફેરફાર તેમના ઉપર સાચવો',
  editingNow: (who: string) => `${who} હાલ આ લેખ સંપાદિત કરી રહ્યા છે.`,
  leave: 'સાચવ્યા વિનાના ફેરફાર છે.',
};

type Labels = typeof gu;

const en: Labels = {
  toolbar: 'Formatting',
  paragraph: b('Paragraph', 'Plain paragraph'),
  h2: b('Heading', 'Subheading (H2)'),
  h3: b('Small heading', 'Small subheading (H3)'),
  bold: b('Bold', 'Bold'),
  italic: b('Italic', 'Italic'),
  link: b('Link', 'Add or change a link'),
  bulletList: b('• List', 'Bulleted list'),
  orderedList: b('1. List', 'Numbered list'),
  quote: b('Quote', 'Block quote'),
  image: b('Image', 'Upload and insert an image'),
  embed: b('Embed', 'Embed YouTube, X, Instagram or Facebook'),
  undo: b('↶', 'Undo'),
  redo: b('↷', 'Redo'),
  linkUrl: 'Link address (URL) — leave empty to remove the link',
  embedUrl: 'Address (URL) of a YouTube video or an X, Instagram or Facebook post',
  embedBad: 'Not recognized: give the link of a YouTube video or an X / Instagram / Facebook post.',
  imageFile: 'Image file (JPEG, PNG, WebP, GIF)',
  imageAlt: 'Alt text: what the image shows',
  imageCaption: 'Caption',
  imageEdit: 'Image details',
  uploading: 'Uploading…',
  insert: 'Insert',
  cancel: 'Cancel',
  needHeadline: 'Write a headline to save',
  saveFailed: 'Could not save; trying again shortly',
  conflict: (who: string) => `${who} saved this article after you opened it. Their changes:`,
  someone: 'Someone',
  reload: 'Open their version (reload)',
  keepMine: 'Save my changes over theirs',
  editingNow: (who: string) => `${who} is editing this article now.`,
  leave: 'There are unsaved changes.',
};

export const labels: Labels = document.documentElement.lang.startsWith('en') ? en : gu;
