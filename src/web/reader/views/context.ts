import type { Section } from '../../../db/schema.js';
import type { Messages } from '../../../i18n/index.js';
import type { SiteSettings } from '../../../content/settings.js';
import type { SiteMenus } from '../../../content/menus.js';

/** What every reader view may use besides its own data. */
export interface ViewContext {
  site: SiteSettings;
  t: Messages;
  /** `<html lang>` and Intl locale, e.g. `gu-IN`. */
  lang: string;
  sections: Section[];
  /** Header (null: the section menu) and footer menus. */
  menus: SiteMenus;
  /** Absolute origin for canonical links, e.g. `https://khabar.example`. */
  publicUrl: string;
  /** Inline critical CSS for the `<head>`. */
  css: string;
  formatDateTime(d: Date): string;
  formatCount(n: number): string;
}

/** Head data a page passes to the layout. */
export interface PageMeta {
  title: string;
  description: string;
  /** Path of the canonical URL. */
  path: string;
  ogType?: 'website' | 'article';
  image?: { url: string; width: number; height: number; alt: string };
  /** JSON-LD objects placed in the head. */
  jsonLd?: object[];
  /** Feeds advertised with `<link rel=alternate>`. */
  feeds?: { title: string; rss: string; atom: string };
  robots?: string;
  article?: { publishedAt: Date; updatedAt: Date; section: string; tags: string[] };
  prev?: string;
  next?: string;
}
