import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types. Times are ISO 8601 UTC strings (`2026-11-27T10:00:00.000Z`): they sort as text
 * and read the same from SQLite and PostgreSQL. Flags are integers 0/1 for the same reason.
 */
export interface SettingTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
}

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  parent_id: number | null;
  position: Generated<number>;
  created_at: string;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  title: string;
  email: string | null;
  created_at: string;
  /** Newsroom role; null for bylines only (e.g. imported authors not yet invited). */
  role: Role | null;
  /** scrypt hash (see newsroom/passwords.ts); null until a password is set. */
  password_hash: string | null;
  ui_locale: Generated<string>;
  disabled: Generated<number>;
  /** Unused since 0007 (login_failures counts per e-mail); kept so older archives restore. */
  failed_logins: Generated<number>;
  locked_until: string | null;
}

export type Role = 'contributor' | 'author' | 'editor' | 'admin';

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id_hash: string;
  person_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  person_id: number;
  expires_at: string;
  used_at: string | null;
}

export interface RevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  person_id: number | null;
  created_at: string;
  snapshot: string;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  person_id: number | null;
  note: string;
  created_at: string;
}

export interface HomePinTable {
  article_id: number;
  position: number;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface MediaTable {
  id: Generated<number>;
  /** Path under the media folder, e.g. `demo/metro.jpg`. */
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  created_at: string;
}

export type ArticleStatus = 'draft' | 'submitted' | 'scheduled' | 'embargoed' | 'published' | 'unpublished' | 'archived';

export interface ArticleTable {
  id: Generated<number>;
  /** BCP 47 language of the story: `gu` by default, `en` or `hi` for other-language stories. */
  language: Generated<string>;
  headline: string;
  dek: Generated<string>;
  /** Sanitized HTML. */
  body_html: Generated<string>;
  slug: string;
  status: Generated<ArticleStatus>;
  section_id: number;
  featured_media_id: number | null;
  featured_caption: Generated<string>;
  featured_alt: Generated<string>;
  seo_title: Generated<string>;
  seo_description: Generated<string>;
  is_breaking: Generated<number>;
  /** Shown under the body when a published story was changed. */
  update_note: Generated<string>;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  /** Bumped on every save; a save that names an older version is a conflict. */
  version: Generated<number>;
  scheduled_for: string | null;
  embargo_until: string | null;
  /** Why the scheduler could not publish a due story (shown as overdue). */
  schedule_error: string | null;
  created_by: number | null;
  editing_by: number | null;
  editing_since: string | null;
  /** 1 once a person typed the slug: it no longer follows the headline. */
  slug_manual: Generated<number>;
}

export interface ArticleAuthorTable {
  article_id: number;
  person_id: number;
  position: Generated<number>;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
}

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam';

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  /** Never shown on the site. */
  author_email: string | null;
  body: string;
  status: CommentStatus;
  created_at: string;
}

export interface RedirectTable {
  id: Generated<number>;
  /** Path with no host, as the request line has it after decoding, e.g. `/old-slug`. */
  from_path: string;
  to_path: string;
  status_code: number;
  created_at: string;
}

/** Audience tables (migration 0003): counts only, never an IP address. */
export interface ViewSaltTable {
  /** Site-local day, `YYYY-MM-DD`. */
  day: string;
  salt: string;
}

export interface ViewSeenTable {
  day: string;
  /** Truncated SHA-256 of salt, IP, user agent and article id. */
  hash: string;
}

export interface ArticleViewsDailyTable {
  article_id: number;
  day: string;
  views: number;
}

export interface ArticleViewsHourlyTable {
  article_id: number;
  /** UTC hour, `YYYY-MM-DDTHH`. */
  hour: string;
  views: number;
}

export interface ReferrerViewsDailyTable {
  day: string;
  article_id: number;
  /** Referring host name, `(direct)` when none was sent. */
  domain: string;
  views: number;
}

/** Which articles are in the full-text index (migration 0004; the index itself is dialect-specific). */
export interface SearchDocumentTable {
  article_id: number;
  indexed_at: string;
}

/** Folded Gujarati word forms of the published text and how often they occur. */
export interface SearchVocabularyTable {
  word: string;
  frequency: number;
}

/** One typed change, written with the change itself (content/changes.ts). */
export interface ChangeEventTable {
  id: Generated<number>;
  type: string;
  article_id: number | null;
  /** The event as JSON. */
  payload: string;
  created_at: string;
  /** When the outbox worker took it; null until then. */
  dispatched_at: string | null;
}

/** Views and approved comments per story: counters, kept apart from the content. */
export interface ArticleCounterTable {
  article_id: number;
  views: Generated<number>;
  comments: Generated<number>;
}

/** The unpublished edit of a live story (an ArticleSnapshot as JSON), applied by "Update". */
export interface PendingChangeTable {
  article_id: number;
  snapshot: string;
  person_id: number | null;
  updated_at: string;
}

/**
 * Failed sign-ins in a row per login name, known account or not (so both answer alike). One row
 * per name, counted by the database in one statement; deleted by a successful sign-in.
 */
export interface LoginFailureTable {
  /** SHA-256 of the normalized e-mail typed: names that are no one's are not stored as typed. */
  account: string;
  failures: number;
  /** Set once `failures` reaches the limit; sign-ins are refused until then. */
  locked_until: string | null;
  updated_at: string;
}

export interface DB {
  settings: SettingTable;
  sections: SectionTable;
  people: PersonTable;
  tags: TagTable;
  media: MediaTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  article_tags: ArticleTagTable;
  comments: CommentTable;
  redirects: RedirectTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  revisions: RevisionTable;
  corrections: CorrectionTable;
  home_pins: HomePinTable;
  search_documents: SearchDocumentTable;
  search_vocabulary: SearchVocabularyTable;
  view_salts: ViewSaltTable;
  view_seen: ViewSeenTable;
  article_views_daily: ArticleViewsDailyTable;
  article_views_hourly: ArticleViewsHourlyTable;
  referrer_views_daily: ReferrerViewsDailyTable;
  change_events: ChangeEventTable;
  article_counters: ArticleCounterTable;
  pending_changes: PendingChangeTable;
  login_failures: LoginFailureTable;
}

export type Section = Selectable<SectionTable>;
export type Person = Selectable<PersonTable>;
export type Tag = Selectable<TagTable>;
export type Media = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
