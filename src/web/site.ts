import type { Kysely } from 'kysely';
import type { DB, Section } from '../db/schema.js';
import { formatCount } from '../gujarati/numerals.js';
import { formatDateTime } from '../gujarati/dates.js';
import { intlLocale, messages } from '../i18n/index.js';
import type { ChangeEvent, ChangeFeed } from '../content/changes.js';
import { getSettings, type SiteSettings } from '../content/settings.js';
import { listSections } from '../content/taxonomy.js';
import { siteMenus } from '../content/menus.js';
import type { ViewContext } from './reader/views/context.js';

/** Changes that every page shows (the site's name, sections, menus): every cached page goes. */
export function changesEveryPage(event: ChangeEvent): boolean {
  return event.type === 'settings.changed' || event.type === 'taxonomy.changed' || event.type === 'site.replaced' || event.pages.includes('menus');
}

/**
 * Settings, the section tree and the menus change rarely and are read by every page, so they are
 * held in memory and reloaded when the newsroom announces `settings`, `taxonomy` or `menus`.
 */
export class SiteState {
  private settings!: SiteSettings;
  private sections: Section[] = [];
  private view!: ViewContext;
  /** A reload in progress; requests wait for it so none renders with the old settings. */
  pending: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly publicUrl: string,
    private readonly css: string,
  ) {}

  async load(): Promise<void> {
    const [settings, sections, menus] = await Promise.all([getSettings(this.db), listSections(this.db), siteMenus(this.db)]);
    this.settings = settings;
    this.sections = sections;
    const lang = intlLocale(settings.locale);
    const dateOptions = { locale: lang, timeZone: settings.timeZone, digits: settings.digits };
    this.view = {
      site: settings,
      t: messages(settings.locale),
      lang,
      sections,
      menus,
      // The settings page's address wins over PUBLIC_URL once an admin has set one.
      publicUrl: settings.publicUrl.replace(/(?<!\/)\/+$/, '') || this.publicUrl,
      css: this.css,
      formatDateTime: (d) => formatDateTime(d, dateOptions),
      formatCount: (n) => formatCount(n, settings.digits),
    };
  }

  /**
   * Reloads on changes to settings, sections or menus (a page published or taken down changes
   * the default footer: its events touch `menus`); returns a function that stops listening.
   */
  follow(feed: ChangeFeed, onReloaded: () => void): () => void {
    return feed.subscribe((event) => {
      if (changesEveryPage(event)) {
        const reload: Promise<void> = this.load()
          .then(onReloaded, (err: unknown) => console.error('reloading site settings failed:', err))
          .finally(() => {
            if (this.pending === reload) this.pending = undefined;
          });
        this.pending = reload;
      }
    });
  }

  get ctx(): ViewContext {
    return this.view;
  }

  get siteSettings(): SiteSettings {
    return this.settings;
  }

  sectionBySlug(slug: string): Section | undefined {
    return this.sections.find((s) => s.slug === slug);
  }

  sectionById(id: number): Section | undefined {
    return this.sections.find((s) => s.id === id);
  }

  subSections(section: Section): Section[] {
    return this.sections.filter((s) => s.parent_id === section.id);
  }

  topSections(): Section[] {
    return this.sections.filter((s) => s.parent_id === null);
  }
}
