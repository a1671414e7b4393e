/** Shapes of the demo content that `khabar seed-demo` loads into an empty site. */

export interface DemoSection {
  /** URL segment, ASCII, e.g. `desh-videsh`. */
  slug: string;
  /** Display name in Gujarati, e.g. `દેશ-વિદેશ`. */
  name: string;
  description: string;
  /** Slug of the parent section for a sub-section; absent for a top-level one. */
  parent?: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  bio: string;
  /** Job title shown in the byline, e.g. `વરિષ્ઠ સંવાદદાતા`. */
  title: string;
}

export interface DemoImage {
  /** Short key; the generated image file is named after it. */
  key: string;
  /** Gujarati alt text describing the picture. */
  alt: string;
  caption: string;
  /** Two CSS colours for the generated artwork's gradient. */
  palette: [string, string];
  /** A few Gujarati words drawn onto the generated artwork. */
  label: string;
}

export interface DemoArticle {
  slug: string;
  headline: string;
  dek: string;
  /** Body as a list of paragraphs (plain text); `## ` starts a sub-heading, `> ` a quote. */
  paragraphs: string[];
  section: string;
  authors: string[];
  tags: string[];
  image: DemoImage;
  /** How long before "now" the story was published, in hours. */
  hoursAgo: number;
  /** Hours after publishing that it was last updated, if ever. */
  updatedAfterHours?: number;
  breaking?: boolean;
  /** Views the story already has, so the counters and most-read look lived in. */
  views: number;
}

/** A static page (About, Contact…): no section, date or tags. */
export interface DemoPage {
  slug: string;
  title: string;
  dek: string;
  /** As a story's paragraphs: `## ` starts a sub-heading. */
  paragraphs: string[];
}

export interface DemoContent {
  sections: DemoSection[];
  authors: DemoAuthor[];
  /** Tags by slug → Gujarati name. */
  tags: Record<string, string>;
  articles: DemoArticle[];
  /** Static pages, in the order the footer lists them. */
  pages?: DemoPage[];
}
