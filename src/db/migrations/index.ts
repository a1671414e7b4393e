import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../dialect.js';
import type { MigrationContext } from './helpers.js';
import { foundation } from './0001_foundation.js';
import { newsroom } from './0002_newsroom.js';
import { audience } from './0003_audience.js';
import { search } from './0004_search.js';
import { wordpress } from './0005_wordpress.js';
import { changes } from './0006_changes.js';
import { mediaStore } from './0008_media_store.js';
import { pendingChanges } from './0010_pending_changes.js';
import { hardening } from './0007_hardening.js';
import { changeNotify } from './0009_change_notify.js';
import { distribution } from './0009_distribution.js';
import { siteAdmin } from './0011_site_admin.js';
import { pagesMenus } from './0012_pages_menus.js';
import { peopleMail } from './0013_people_mail.js';
import { mediaLibrary } from './0014_media_library.js';
import { workflowNotes } from './0015_workflow_notes.js';
import { desk } from './0016_desk.js';
import { wordpressIds } from './0017_wordpress_ids.js';
import { rateLimits } from './0019_rate_limits.js';
import { wordpressModel } from './0020_wordpress_model.js';
import { mediaUses } from './0021_media_uses.js';
import { tagRecency } from './0022_tag_recency.js';
import { viewSeenBlocks } from './0023_view_seen_blocks.js';
import { bylineRecency } from './0024_byline_recency.js';
import { searchFilterIndex } from './0025_search_filter_index.js';

/**
 * Every migration, in order. Names sort in the order they run; one file per migration,
 * each a function of the dialect so the same code creates both schemas.
 */
const all: [string, (ctx: MigrationContext) => Migration][] = [
  ['0001_foundation', foundation],
  ['0002_newsroom', newsroom],
  ['0003_audience', audience],
  ['0004_search', search],
  ['0005_wordpress', wordpress],
  ['0006_changes', changes],
  ['0008_media_store', mediaStore],
  ['0010_pending_changes', pendingChanges],
  ['0007_hardening', hardening],
  ['0009_change_notify', changeNotify],
  ['0009_distribution', distribution],
  ['0011_site_admin', siteAdmin],
  ['0012_pages_menus', pagesMenus],
  ['0013_people_mail', peopleMail],
  ['0014_media_library', mediaLibrary],
  ['0015_workflow_notes', workflowNotes],
  ['0016_desk', desk],
  ['0017_wordpress_ids', wordpressIds],
  ['0019_rate_limits', rateLimits],
  ['0020_wordpress_model', wordpressModel],
  ['0021_media_uses', mediaUses],
  ['0022_tag_recency', tagRecency],
  ['0023_view_seen_blocks', viewSeenBlocks],
  ['0024_byline_recency', bylineRecency],
  ['0025_search_filter_index', searchFilterIndex],
];

/** Migrations are code, keyed by name, so they ship inside the build. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => Object.fromEntries(all.map(([name, make]) => [name, make({ dialect })])) };
}
