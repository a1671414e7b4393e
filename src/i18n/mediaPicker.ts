import type { UiLocale } from './messages.js';

/** Gujarati plural agreement: "1 છબી", "3 છબીઓ". */
const guCount = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The media library page and the editor's media picker. Gujarati first; English has the same
 * keys. The picker's words reach the editor script as JSON (`PickerLabels`).
 */
const gu = {
  library: 'છબીઓ',
  search: 'શોધો',
  searchLabel: 'કૅપ્શન, વૈકલ્પિક લખાણ કે ફાઇલના નામથી શોધો (ગુજરાતી કે અંગ્રેજી અક્ષરોમાં)',
  searchPlaceholder: 'દા.ત. નર્મદા કે narmada',
  found: (n: number, q: string) => (q ? `"${q}" માટે ${guCount(n, 'છબી મળી', 'છબીઓ મળી')}` : guCount(n, 'છબી', 'છબીઓ')),
  nothingFound: (q: string) => `"${q}" માટે કોઈ છબી મળી નહીં.`,
  empty: 'હજી કોઈ છબી નથી. ઉપરથી અપલોડ કરો.',
  pageOf: (page: number, pages: number) => `પાનું ${page} / ${pages}`,
  previous: '← પાછલું',
  next: 'આગળનું →',
  pagination: 'છબીઓનાં પાનાં',
  alt: 'વૈકલ્પિક લખાણ (alt): છબીમાં શું દેખાય છે',
  caption: 'કૅપ્શન',
  noAlt: 'વૈકલ્પિક લખાણ નથી',
  edit: 'વિગત બદલો',
  save: 'સાચવો',
  saved: 'છબીની વિગત સચવાઈ.',
  deleteImage: 'છબી કાઢી નાખો',
  confirmDelete: 'આ છબી કાયમ માટે કાઢી નાખવી છે? પાછી નહીં મળે.',
  deleted: 'છબી કાઢી નાખી.',
  usedIn: (n: number) => `${guCount(n, 'લેખમાં', 'લેખોમાં')} વપરાય છે:`,
  unused: 'કોઈ લેખમાં વપરાતી નથી',
  useKinds: { featured: 'મુખ્ય છબી', body: 'લખાણમાં', pending: 'બાકી ફેરફારમાં' },
  inUseRefused: (n: number) => `આ છબી ${guCount(n, 'લેખમાં', 'લેખોમાં')} વપરાય છે, તેથી કાઢી શકાતી નથી. પહેલાં ત્યાંથી દૂર કરો.`,
  notFound: 'આ છબી હવે નથી (કદાચ કોઈએ કાઢી નાખી).',
  notAllowed: 'આ છબી તેને અપલોડ કરનાર કે સંપાદક જ બદલી કે કાઢી શકે.',
  uploadedBy: (name: string) => `અપલોડ: ${name}`,
  crop: 'કાપ (ક્રોપ)',
  aspects: { original: 'આખી છબી', '16:9': 'પહોળી 16:9', '4:3': '4:3', '1:1': 'ચોરસ 1:1', '3:4': 'ઊભી 3:4' },
  focus: 'કેન્દ્રબિંદુ: છબીમાં સૌથી મહત્ત્વનો ભાગ ક્લિક કરો',
  focusKeys: 'તીરની કળોથી કેન્દ્રબિંદુ ખસેડો',
  cropNote: 'લેખોમાં પહેલેથી મૂકેલી છબીઓ જૂનો કાપ રાખે છે; મુખ્ય છબી નવો કાપ બતાવે છે.',
  // The editor's picker.
  pickerTitle: 'છબી પસંદ કરો',
  chooseFeatured: 'મુખ્ય છબી પસંદ કરો',
  changeFeatured: 'બીજી છબી',
  removeFeatured: 'મુખ્ય છબી હટાવો',
  noFeatured: 'મુખ્ય છબી નથી',
  insertBody: 'લખાણમાં મૂકો',
  useFeatured: 'મુખ્ય છબી બનાવો',
  close: 'બંધ કરો',
  upload: 'નવી છબી અપલોડ કરો',
  dropHere: 'છબી અહીં ખેંચીને મૂકો કે પેસ્ટ કરો (Ctrl+V)',
  uploading: (name: string) => `${name} અપલોડ થઈ રહી છે…`,
  uploaded: (name: string) => `${name} અપલોડ થઈ.`,
  loading: 'શોધ ચાલુ છે…',
  results: 'છબીઓ',
  selected: 'પસંદ કરેલી છબી',
  needAlt: 'લેખમાં મૂકતાં પહેલાં વૈકલ્પિક લખાણ લખો.',
  failed: 'કામ થયું નહીં. ફરી પ્રયત્ન કરો.',
  tooBig: (file: string, size: string, max: string) => `${file}: ફાઇલ ${size} MBની છે; વધુમાં વધુ ${max} MB ચાલે. નાની કરીને અપલોડ કરો.`,
  wrongType: (file: string) => `${file}: આ છબી નથી કે સ્વીકારાતા પ્રકારની નથી; JPEG, PNG, WebP કે GIF વાપરો.`,
};

/** Megabytes as people read them: one decimal below 10 MB. */
export function megabytes(bytes: number): string {
  const v = bytes / 1_000_000;
  return v >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

export type MediaPickerMessages = typeof gu;

const enCount = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: MediaPickerMessages = {
  library: 'Images',
  search: 'Search',
  searchLabel: 'Search by caption, alt text or file name (Gujarati or Latin letters)',
  searchPlaceholder: 'e.g. નર્મદા or narmada',
  found: (n, q) => (q ? `${enCount(n, 'image', 'images')} found for "${q}"` : enCount(n, 'image', 'images')),
  nothingFound: (q) => `No image found for "${q}".`,
  empty: 'No images yet. Upload one above.',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  previous: '← Previous',
  next: 'Next →',
  pagination: 'Pages of images',
  alt: 'Alt text: what the image shows',
  caption: 'Caption',
  noAlt: 'No alt text',
  edit: 'Edit details',
  save: 'Save',
  saved: 'Image details saved.',
  deleteImage: 'Delete image',
  confirmDelete: 'Delete this image for good? It cannot be brought back.',
  deleted: 'Image deleted.',
  usedIn: (n) => `Used in ${enCount(n, 'story', 'stories')}:`,
  unused: 'Not used in any story',
  useKinds: { featured: 'featured image', body: 'in the body', pending: 'in pending changes' },
  inUseRefused: (n) => `This image is used in ${enCount(n, 'story', 'stories')}, so it cannot be deleted. Remove it there first.`,
  notFound: 'This image is no longer there (someone may have deleted it).',
  notAllowed: 'Only the person who uploaded this image, or an editor, may change or delete it.',
  uploadedBy: (name) => `Uploaded by ${name}`,
  crop: 'Crop',
  aspects: { original: 'Whole image', '16:9': 'Wide 16:9', '4:3': '4:3', '1:1': 'Square 1:1', '3:4': 'Tall 3:4' },
  focus: 'Focal point: click the most important part of the image',
  focusKeys: 'Move the focal point with the arrow keys',
  cropNote: 'Images already placed in story bodies keep their old crop; featured images show the new one.',
  pickerTitle: 'Choose an image',
  chooseFeatured: 'Choose featured image',
  changeFeatured: 'Change image',
  removeFeatured: 'Remove featured image',
  noFeatured: 'No featured image',
  insertBody: 'Insert in body',
  useFeatured: 'Use as featured image',
  close: 'Close',
  upload: 'Upload a new image',
  dropHere: 'Drop an image here or paste it (Ctrl+V)',
  uploading: (name) => `Uploading ${name}…`,
  uploaded: (name) => `${name} uploaded.`,
  loading: 'Searching…',
  results: 'Images',
  selected: 'Selected image',
  needAlt: 'Write the alt text before inserting the image.',
  failed: 'That did not work. Try again.',
  tooBig: (file, size, max) => `${file}: the file is ${size} MB; at most ${max} MB is accepted. Make it smaller and upload it again.`,
  wrongType: (file) => `${file}: not an image of an accepted type; use JPEG, PNG, WebP or GIF.`,
};

export function mediaPickerMessages(locale: UiLocale): MediaPickerMessages {
  return locale === 'en' ? en : gu;
}

/** What the editor script's picker shows: plain strings, the few with a number filled in on the page. */
export function pickerLabels(locale: UiLocale) {
  const m = mediaPickerMessages(locale);
  return {
    pickerTitle: m.pickerTitle,
    searchLabel: m.searchLabel,
    searchPlaceholder: m.searchPlaceholder,
    search: m.search,
    previous: m.previous,
    next: m.next,
    pagination: m.pagination,
    alt: m.alt,
    caption: m.caption,
    noAlt: m.noAlt,
    save: m.save,
    saved: m.saved,
    crop: m.crop,
    aspects: m.aspects,
    focus: m.focus,
    focusKeys: m.focusKeys,
    cropNote: m.cropNote,
    chooseFeatured: m.chooseFeatured,
    changeFeatured: m.changeFeatured,
    removeFeatured: m.removeFeatured,
    noFeatured: m.noFeatured,
    insertBody: m.insertBody,
    useFeatured: m.useFeatured,
    close: m.close,
    upload: m.upload,
    dropHere: m.dropHere,
    loading: m.loading,
    results: m.results,
    selected: m.selected,
    needAlt: m.needAlt,
    failed: m.failed,
    empty: m.empty,
    // Filled in by the script: {name}, {size}, {max}, {q}.
    uploading: m.uploading('{name}'),
    uploaded: m.uploaded('{name}'),
    tooBig: m.tooBig('{name}', '{size}', '{max}'),
    wrongType: m.wrongType('{name}'),
    nothingFound: m.nothingFound('{q}'),
    
  };
}

export type PickerLabels = ReturnType<typeof pickerLabels>;
