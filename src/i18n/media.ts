import type { UiLocale } from './messages.js';

/** Why an image was refused (declared here, beside its sentences). */
export type ImageProblem =
  | { code: 'unreadable' }
  | { code: 'format'; format: string }
  | { code: 'noSize' }
  | { code: 'tooManyPixels'; width: number; height: number; maxPixels: number }
  | { code: 'damaged'; detail: string };

/** Why an upload was refused. */
export type UploadProblem = ImageProblem | { code: 'tooLarge'; maxBytes: number; /** The request's declared size, when it was refused on that alone. */ size?: number } | { code: 'noFile' };

const megabytes = (bytes: number) => String(Math.round(bytes / 1_000_000));
/** One decimal below 10 MB, so 1.4 MB is not called 1 MB beside a 1 MB limit. */
const sizeMb = (bytes: number) => (bytes >= 10_000_000 ? String(Math.round(bytes / 1_000_000)) : String(Math.round(bytes / 100_000) / 10));
const megapixels = (pixels: number) => String(Math.round(pixels / 1_000_000));

/** What the newsroom says when an upload is refused. Gujarati first; English has the same keys. */
const gu = {
  problem: (file: string, p: UploadProblem): string => {
    const name = file ? `${file}: ` : '';
    switch (p.code) {
      case 'unreadable':
        return `${name}આ ફાઇલ વાંચી શકાય એવી છબી નથી (JPEG, PNG, WebP કે GIF જોઈએ).`;
      case 'format':
        return `${name}${p.format} ફાઇલ સ્વીકારાતી નથી; JPEG, PNG, WebP કે GIF વાપરો.`;
      case 'noSize':
        return `${name}છબીનું માપ (પહોળાઈ-ઊંચાઈ) મળ્યું નહીં.`;
      case 'tooManyPixels':
        return `${name}${p.width} × ${p.height} પિક્સેલની છબી ${megapixels(p.maxPixels)} મેગાપિક્સેલની મર્યાદા કરતાં મોટી છે. નાની કરીને ફરી અપલોડ કરો.`;
      case 'damaged':
        return `${name}છબી બગડેલી કે અધૂરી છે, ખોલી શકાતી નથી.`;
      case 'tooLarge':
        if (p.size !== undefined) return `${name}અપલોડ ${sizeMb(p.size)} MBનું છે; ${megabytes(p.maxBytes)} MB સુધીની ફાઇલ જ ચાલે. કંઈ સચવાયું નથી.`;
        return `${name}ફાઇલ ${megabytes(p.maxBytes)} MBની મર્યાદા કરતાં મોટી છે.`;
      case 'noFile':
        return 'કોઈ ફાઇલ મળી નહીં: અપલોડ કરવા છબી પસંદ કરો.';
    }
  },
  rateLimited: (max: number, seconds: number) =>
    `એક મિનિટમાં ઘણી છબીઓ અપલોડ થઈ (વધુમાં વધુ ${max}). ${seconds} સેકન્ડ પછી ફરી પ્રયત્ન કરો.`,
  badForm: 'અપલોડ અધૂરું કે ખોટા સ્વરૂપમાં પહોંચ્યું. પાનું ફરી ખોલીને પ્રયત્ન કરો.',
};

const en: typeof gu = {
  problem: (file, p) => {
    const name = file ? `${file}: ` : '';
    switch (p.code) {
      case 'unreadable':
        return `${name}not an image we can read (JPEG, PNG, WebP or GIF expected).`;
      case 'format':
        return `${name}${p.format} files are not accepted; use JPEG, PNG, WebP or GIF.`;
      case 'noSize':
        return `${name}the image has no size.`;
      case 'tooManyPixels':
        return `${name}${p.width} × ${p.height} pixels is more than the ${megapixels(p.maxPixels)} megapixel limit. Make it smaller and upload it again.`;
      case 'damaged':
        return `${name}the image is damaged or cut short and cannot be opened.`;
      case 'tooLarge':
        if (p.size !== undefined) return `${name}the upload is ${sizeMb(p.size)} MB; files of at most ${megabytes(p.maxBytes)} MB are accepted. Nothing was stored.`;
        return `${name}larger than the ${megabytes(p.maxBytes)} MB limit.`;
      case 'noFile':
        return 'No file was sent: choose an image to upload.';
    }
  },
  rateLimited: (max, seconds) => `Too many uploads in a minute (at most ${max}). Try again in ${seconds} seconds.`,
  badForm: 'The upload arrived incomplete or malformed. Reload the page and try again.',
};

export type MediaMessages = typeof gu;

export function mediaMessages(locale: UiLocale): MediaMessages {
  return locale === 'en' ? en : gu;
}
