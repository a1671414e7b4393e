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
  /** `<title>` and meta description of the section front; empty: made from the name and description. */
  seo_title: Generated<string>;
  seo_description: Generated<string>;
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
  /** Square profile photo (a media row made by the photo upload). */
  photo_media_id: Generated<number | null>;
  /** JSON array of http(s) URLs (profiles elsewhere), shown on the author page and as `sameAs`. */
  social_links: Generated<string>;
  /** 1 when the e-mail is shown on the public author page. */
  email_public: Generated<number>;
  /** 1 when the person is mailed about stories submitted for review (editors and admins). */
  notify_submissions: Generated<number>;
  last_sign_in_at: Generated<string | null>;
  /** 1 when the password was made for the person (one-time): it must be replaced at sign-in. */
  must_change_password: Generated<number>;
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
  /** `reset` (forgot password, one hour) or `invite` (a new account, 72 hours). */
  purpose: Generated<'reset' | 'invite'>;
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
  description: Generated<string>;
  seo_title: Generated<string>;
  seo_description: Generated<string>;
}

/** Where an admin action came from: a page of the newsroom or the command line. */
export type AdminOrigin = 'newsroom' | 'cli';

export interface AdminLogTable {
  id: Generated<number>;
  created_at: string;
  /** Who did it; null from the command line (and once the person is removed). */
  person_id: number | null;
  origin: AdminOrigin;
  /** What was done: `settings.update`, `section.rename`, `tag.merge`… */
  action: string;
  /** What it was done to: `settings`, `section`, `tag`…, with its id and name at the time. */
  subject_type: string;
  subject_id: number | null;
  subject_name: Generated<string>;
  /** JSON list of `{ key, before, after }`, secrets masked before they are written. */
  changes: string;
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
  /** Who uploaded it (null for the demo's and imported images): they may edit and delete it. */
  uploaded_by: Generated<number | null>;
  /** The name the file was sent with, for search and the library. */
  file_name: Generated<string>;
  /** Alt, caption and file name as search keys and phonetic keys (media/library.ts). */
  search_key: Generated<string>;
  /** The focal point, as fractions of the width and height of the original (0.5, 0.5 is the centre). */
  focus_x: Generated<number>;
  focus_y: Generated<number>;
  /** The aspect ratio the variants are cut to around the focal point. */
  aspect: Generated<MediaAspect>;
  /** JSON array of paths this image had before a new crop: bodies may still use their files. */
  former_paths: Generated<string>;
}

/** How a story uses an image: its featured image, in its body, or only in its pending (unpublished) changes. */
export type MediaUseKind = 'featured' | 'body' | 'pending';

/** The media-use index, kept by the article writer (newsroom/mediaUseIndex.ts): one row per image a story shows. */
export interface MediaUseTable {
  media_id: number;
  article_id: number;
  used_as: MediaUseKind;
}

/** Crops the media library offers: the whole image, or a ratio cut around the focal point. */
export type MediaAspect = 'original' | '16:9' | '4:3' | '1:1' | '3:4';

export type ArticleStatus = 'draft' | 'submitted' | 'scheduled' | 'embargoed' | 'published' | 'unpublished' | 'archived';

export type ArticleKind = 'story' | 'page';

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
  /** A dated story in a section, or a static page (About, Contact…) at `/{slug}` with no section. */
  kind: Generated<ArticleKind>;
  /** Null for pages. */
  section_id: number | null;
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
  /** WordPress's post format: how the reader page leads (migration 0020). */
  format: Generated<PostFormat>;
  /**
   * Readers must type this to see the body; empty: not protected. A shared word the newsroom
   * hands out (WordPress keeps it as typed too), not an account's secret.
   */
  password: Generated<string>;
  /** 0: no new comments on this story (WordPress's `comment_status` closed). */
  comments_open: Generated<number>;
}

export const postFormats = ['standard', 'video', 'gallery', 'audio', 'image', 'quote', 'link', 'aside', 'status', 'chat'] as const;
export type PostFormat = (typeof postFormats)[number];

/** A story's sections beside its primary one (`articles.section_id`), in order. */
export interface ArticleSectionTable {
  article_id: number;
  section_id: number;
  position: Generated<number>;
}

export interface ArticleAuthorTable {
  article_id: number;
  person_id: number;
  position: Generated<number>;
  /** Copies of the story's `updated_at` and `status`, kept by the article writer (the byline filter's index). */
  updated_at: Generated<string>;
  status: Generated<ArticleStatus>;
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
  /** 1: written by the newsroom and shown as the site's reply. */
  site_reply: Generated<number>;
  /** Sanitized HTML of an imported comment (its links, emphasis); null: `body` is all there is. */
  body_html: Generated<string | null>;
}

/** Analyzed headline and dek terms of every story, drafts included (migration 0016). */
export interface DeskTermTable {
  term: string;
  article_id: number;
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

export interface ViewSeenBlockTable {
  id: Generated<number>;
  day: string;
  /** 8-byte fingerprints (salted SHA-256 of IP, user agent and article id) counted by one flush. */
  hashes: Buffer;
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

/** A note on a story from one person in the newsroom to another: `sentBack` from an editor to the writer. */
export interface ArticleNoteTable {
  id: Generated<number>;
  article_id: number;
  person_id: number | null;
  kind: 'sentBack';
  note: string;
  created_at: string;
  /** Set when the writer submits the story again. */
  resolved_at: string | null;
}

/** Keys the site makes for itself (the preview links' signing key). */
export interface ServerKeyTable {
  name: string;
  value: string;
  created_at: string;
}

/**
 * Failed sign-ins in a row per login name, known account or not (so both answer alike). One row
 * per name, counted by the database in one statement; deleted by a successful sign-in.
 */
/** One rate-limited route's count for one client in its current window (web/plugins/rateLimitStore.ts). */
export interface RateLimitTable {
  key: string;
  hits: number;
  /** Milliseconds since the epoch; PostgreSQL's bigint arrives as a string. */
  window_ends: number | string;
}

export interface LoginFailureTable {
  /** SHA-256 of the normalized e-mail typed: names that are no one's are not stored as typed. */
  account: string;
  failures: number;
  /** Set once `failures` reaches the limit; sign-ins are refused until then. */
  locked_until: string | null;
  updated_at: string;
}

/** A place stories go (migration 0009): a Telegram channel, an X account, a webhook URL… */
export interface ChannelTable {
  id: Generated<number>;
  /** The adapter: telegram, whatsapp, x, webpush, webhook, websub. */
  type: string;
  /** What the newsroom calls it. */
  name: string;
  enabled: Generated<number>;
  /** The adapter's config as JSON, every secret field encrypted (distribution/secrets.ts). */
  config: string;
  /** JSON array of section ids; empty for every section. A story in a sub-section counts for its parent. */
  sections: Generated<string>;
  /** Only stories flagged breaking. */
  breaking_only: Generated<number>;
  /** A story published again after an unpublish is not posted again. */
  first_publication_only: Generated<number>;
  /** Posts wait this long after the story goes public (edits made meanwhile go out with it). */
  delay_seconds: Generated<number>;
  /** JSON array of the change kinds this channel acts on (a subset of what its adapter handles). */
  kinds: string;
  /** Deliveries may connect to private, loopback and link-local addresses (an admin's choice). */
  allow_private: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One reader of a channel that sends to people one at a time (a push subscription, a WhatsApp number). */
export interface RecipientTable {
  id: Generated<number>;
  channel_id: number;
  /** What identifies the reader at the service (push endpoint, phone number); unique per channel. */
  address: string;
  /** The adapter's target as JSON (a PushSubscription, `{to}`). */
  target: string;
  /** JSON array of topics (`breaking`, `section:<id>`); null for everything the channel sends. */
  topics: string | null;
  created_at: string;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'retry' | 'failed' | 'unknown' | 'skipped';

/** One story change on its way to one channel (and, for per-reader channels, one reader). */
export interface DeliveryTable {
  id: Generated<number>;
  channel_id: number;
  article_id: number;
  /** The change event it came from; with its time, the channel and the recipient, unique. */
  change_event_id: number;
  /** When that change was committed (event ids start again after a restore; this keeps the key unique). */
  event_at: string;
  /** The reader (recipients.id), or 0 for the channel itself. */
  recipient_id: Generated<number>;
  /** published, updated, corrected, unpublished or breaking. */
  kind: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  /** Not before this time (the channel's delay, a backoff, the service's Retry-After). */
  next_attempt_at: string;
  /** The worker that took it and when; a `sending` row claimed long ago had its worker die mid-way. */
  claimed_by: string | null;
  claimed_at: string | null;
  /** Why the last outcome is what it is (i18n OutcomeReason). */
  reason: string | null;
  /** The service's own words, or what was seen. */
  detail: string | null;
  http_status: number | null;
  remote_id: string | null;
  /** A link to the post, for the newsroom. */
  remote_url: string | null;
  /** What the adapter keeps for later edits and removal (JSON); null when nothing remains. */
  memory: string | null;
  /** Sent, but nothing had changed, so nothing new was posted. */
  unchanged: Generated<number>;
  /** A resend: post anew instead of editing what an earlier delivery posted. */
  fresh_post: Generated<number>;
  resent_by: number | null;
  resent_at: string | null;
  created_at: string;
  completed_at: string | null;
}

export type MenuName = 'header' | 'footer';
export type MenuItemKind = 'section' | 'page' | 'tag' | 'link';

/** One entry of the header or footer menu (migration 0012): a section, page, tag or external link. */
export interface MenuItemTable {
  id: Generated<number>;
  menu: MenuName;
  position: number;
  kind: MenuItemKind;
  /** What readers see; empty to show the target's own name. */
  label: Generated<string>;
  section_id: number | null;
  tag_id: number | null;
  article_id: number | null;
  /** An absolute http(s) URL, for `link` items. */
  url: string | null;
}

/** The id space WordPress's REST API, `?p=` and feed GUIDs speak (migration 0017, content/wpIds.ts). */
export type WpIdKind = 'article' | 'media' | 'section' | 'tag' | 'person' | 'comment';

export interface WpIdTable {
  kind: WpIdKind;
  /** The id WordPress gave it. */
  wp_id: number;
  local_id: number;
  /** WordPress's `<guid>` for the item, kept so feed readers do not see it as new. */
  guid: string | null;
}

export interface DB {
  wp_ids: WpIdTable;
  settings: SettingTable;
  sections: SectionTable;
  people: PersonTable;
  tags: TagTable;
  media: MediaTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  article_tags: ArticleTagTable;
  article_sections: ArticleSectionTable;
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
  view_seen_blocks: ViewSeenBlockTable;
  article_views_daily: ArticleViewsDailyTable;
  article_views_hourly: ArticleViewsHourlyTable;
  referrer_views_daily: ReferrerViewsDailyTable;
  change_events: ChangeEventTable;
  article_counters: ArticleCounterTable;
  pending_changes: PendingChangeTable;
  article_notes: ArticleNoteTable;
  server_keys: ServerKeyTable;
  login_failures: LoginFailureTable;
  rate_limits: RateLimitTable;
  channels: ChannelTable;
  recipients: RecipientTable;
  deliveries: DeliveryTable;
  admin_log: AdminLogTable;
  menu_items: MenuItemTable;
  desk_terms: DeskTermTable;
  media_uses: MediaUseTable;
}

export type Section = Selectable<SectionTable>;
export type Person = Selectable<PersonTable>;
export type Tag = Selectable<TagTable>;
export type AdminLogRow = Selectable<AdminLogTable>;
export type Media = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticle = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type Channel = Selectable<ChannelTable>;
export type Delivery = Selectable<DeliveryTable>;
export type MenuItemRow = Selectable<MenuItemTable>;
