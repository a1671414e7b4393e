import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * A streaming reader for WordPress export (WXR) files. The file is read in chunks and only
 * the record being read (one author, term or item with its comments) is held in memory, so a
 * file of hundreds of MB costs what one post costs.
 *
 * Elements are recognised by namespace URI, not prefix: WordPress has written
 * `http://wordpress.org/export/1.0/` to `1.2/`, and files in the wild rebind prefixes.
 */

/** A parsed element: its qualified name (`wp:post_id`, `content:encoded`, `title`), text, children. */
interface Node {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Node[];
  line: number;
}

export interface WxrChannel {
  title: string;
  /** The site's tagline. */
  description: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

export interface WxrAuthor {
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

export interface WxrCategory {
  id: string;
  /** Slug, possibly percent-encoded as WordPress stores non-ASCII slugs. */
  nicename: string;
  /** The parent's nicename, or '' at the top. */
  parent: string;
  name: string;
  description: string;
}

export interface WxrTag {
  id: string;
  slug: string;
  name: string;
  description: string;
}

export interface WxrItemTerm {
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrComment {
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  dateGmt: string;
  date: string;
  content: string;
  approved: string;
  type: string;
  parent: string;
}

export interface WxrItem {
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: string;
  postDate: string;
  postDateGmt: string;
  postModifiedGmt: string;
  commentStatus: string;
  postName: string;
  status: string;
  postParent: string;
  postType: string;
  postPassword: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: Map<string, string>;
  comments: WxrComment[];
}

export type WxrRecord =
  | { kind: 'author'; line: number; author: WxrAuthor }
  | { kind: 'category'; line: number; category: WxrCategory }
  | { kind: 'tag'; line: number; tag: WxrTag }
  | { kind: 'item'; line: number; item: WxrItem };

/** The file is not well-formed XML; says where, and which item was being read. */
export class WxrSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** The record being read when the error came, if any: its element, first line, WordPress id and title so far. */
    readonly record?: { element: string; line: number; id: string; title: string },
  ) {
    super(message);
    this.name = 'WxrSyntaxError';
  }
}

const wpNs = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/$/;
const excerptNs = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/;
const known: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
};

function qualify(uri: string, local: string): string {
  if (uri === '') return local;
  if (wpNs.test(uri)) return `wp:${local}`;
  if (excerptNs.test(uri)) return `excerpt:${local}`;
  const prefix = known[uri];
  // Unknown namespaces (and fake `wp` prefixes bound to other URIs) never match a field name.
  return prefix ? `${prefix}:${local}` : `{${uri}}${local}`;
}

/** First child's text, trimmed (WordPress trims every scalar it reads). */
function field(n: Node, name: string): string {
  return n.children.find((c) => c.name === name)?.text.trim() ?? '';
}

/** Text kept as written: post bodies keep their blank lines, which decide paragraphs. */
function rawField(n: Node, name: string): string {
  return n.children.find((c) => c.name === name)?.text ?? '';
}

function toAuthor(n: Node): WxrAuthor {
  return {
    id: field(n, 'wp:author_id'),
    login: field(n, 'wp:author_login'),
    email: field(n, 'wp:author_email'),
    displayName: field(n, 'wp:author_display_name'),
    firstName: field(n, 'wp:author_first_name'),
    lastName: field(n, 'wp:author_last_name'),
  };
}

function toCategory(n: Node): WxrCategory {
  return {
    id: field(n, 'wp:term_id'),
    nicename: field(n, 'wp:category_nicename'),
    parent: field(n, 'wp:category_parent'),
    name: field(n, 'wp:cat_name'),
    description: field(n, 'wp:category_description'),
  };
}

function toTag(n: Node): WxrTag {
  return {
    id: field(n, 'wp:term_id'),
    slug: field(n, 'wp:tag_slug'),
    name: field(n, 'wp:tag_name'),
    description: field(n, 'wp:tag_description'),
  };
}

function toComment(n: Node): WxrComment {
  return {
    id: field(n, 'wp:comment_id'),
    author: field(n, 'wp:comment_author'),
    authorEmail: field(n, 'wp:comment_author_email'),
    authorUrl: field(n, 'wp:comment_author_url'),
    dateGmt: field(n, 'wp:comment_date_gmt'),
    date: field(n, 'wp:comment_date'),
    content: rawField(n, 'wp:comment_content'),
    approved: field(n, 'wp:comment_approved'),
    type: field(n, 'wp:comment_type'),
    parent: field(n, 'wp:comment_parent'),
  };
}

function toItem(n: Node): WxrItem {
  const meta = new Map<string, string>();
  const terms: WxrItemTerm[] = [];
  const comments: WxrComment[] = [];
  for (const c of n.children) {
    if (c.name === 'wp:postmeta') {
      const key = field(c, 'wp:meta_key');
      if (key && !meta.has(key)) meta.set(key, rawField(c, 'wp:meta_value'));
    } else if (c.name === 'category') {
      terms.push({ domain: c.attrs.domain ?? 'category', nicename: c.attrs.nicename ?? '', name: c.text.trim() });
    } else if (c.name === 'wp:comment') {
      comments.push(toComment(c));
    }
  }
  return {
    title: field(n, 'title'),
    link: field(n, 'link'),
    pubDate: field(n, 'pubDate'),
    creator: field(n, 'dc:creator'),
    guid: field(n, 'guid'),
    content: rawField(n, 'content:encoded'),
    excerpt: rawField(n, 'excerpt:encoded'),
    postId: field(n, 'wp:post_id'),
    postDate: field(n, 'wp:post_date'),
    postDateGmt: field(n, 'wp:post_date_gmt'),
    postModifiedGmt: field(n, 'wp:post_modified_gmt'),
    commentStatus: field(n, 'wp:comment_status'),
    postName: field(n, 'wp:post_name'),
    status: field(n, 'wp:status'),
    postParent: field(n, 'wp:post_parent'),
    postType: field(n, 'wp:post_type') || 'post',
    postPassword: field(n, 'wp:post_password'),
    isSticky: field(n, 'wp:is_sticky') === '1',
    attachmentUrl: field(n, 'wp:attachment_url'),
    terms,
    meta,
    comments,
  };
}

/** Records at channel level that we turn into something; everything else is skipped. */
const recordNames = new Set(['item', 'wp:author', 'wp:category', 'wp:tag']);
const channelFields = new Set(['title', 'description', 'link', 'wp:base_site_url', 'wp:base_blog_url', 'wp:wxr_version']);

export interface WxrReader {
  /** Channel-level fields; filled in as the file is read (they come before the items). */
  channel: WxrChannel;
  records: AsyncGenerator<WxrRecord>;
  /** Bytes read so far and the file's size, for progress. */
  bytesRead(): number;
}

/** Reads a WXR file as a stream of records, in file order. */
export function readWxr(file: string): WxrReader {
  const channel: WxrChannel = { title: '', description: '', link: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' };
  let bytes = 0;
  async function* records(): AsyncGenerator<WxrRecord> {
    const parser = new SaxesParser({ xmlns: true, position: true });
    const queue: WxrRecord[] = [];
    // Path of element names from the root; `record` is the node tree being built, if any.
    const path: string[] = [];
    let stack: Node[] = [];
    let pendingError: WxrSyntaxError | undefined;
    const currentRecord = () => {
      const root = stack[0];
      if (!root) return undefined;
      const id = field(root, 'wp:post_id') || field(root, 'wp:term_id') || field(root, 'wp:author_id');
      const title = field(root, 'title') || field(root, 'wp:cat_name') || field(root, 'wp:tag_name') || field(root, 'wp:author_login');
      return { element: root.name, line: root.line, id, title };
    };
    const describe = (r: ReturnType<typeof currentRecord>) =>
      r ? ` (in <${r.element}> from line ${r.line}${r.id ? `, id ${r.id}` : ''}${r.title ? `, "${r.title}"` : ''}; it was not imported)` : '';
    parser.on('error', (err) => {
      // saxes would go on after an error; a WXR with broken XML is not trusted past that point.
      const record = currentRecord();
      pendingError ??= new WxrSyntaxError(
        `malformed XML at line ${parser.line}, column ${parser.column + 1}: ${err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\. undefined$/, '')}${describe(record)}`,
        parser.line,
        parser.column + 1,
        record,
      );
    });
    parser.on('opentag', (tag: SaxesTagNS) => {
      const name = qualify(tag.uri, tag.local);
      path.push(name);
      const inChannel = path.length === 3 && path[0] === 'rss' && path[1] === 'channel';
      if (stack.length > 0 || (inChannel && recordNames.has(name)) || (inChannel && channelFields.has(name))) {
        const attrs: Record<string, string> = {};
        for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
        stack.push({ name, attrs, text: '', children: [], line: parser.line });
      }
    });
    const onText = (text: string) => {
      const top = stack[stack.length - 1];
      if (top) top.text += text;
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', () => {
      // After an error saxes reads on; nothing past the error point is handed out.
      if (pendingError) return;
      path.pop();
      const node = stack.pop();
      if (!node) return;
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.children.push(node);
        return;
      }
      switch (node.name) {
        case 'item':
          queue.push({ kind: 'item', line: node.line, item: toItem(node) });
          break;
        case 'wp:author':
          queue.push({ kind: 'author', line: node.line, author: toAuthor(node) });
          break;
        case 'wp:category':
          queue.push({ kind: 'category', line: node.line, category: toCategory(node) });
          break;
        case 'wp:tag':
          queue.push({ kind: 'tag', line: node.line, tag: toTag(node) });
          break;
        case 'title':
          channel.title = node.text.trim();
          break;
        case 'description':
          channel.description = node.text.trim();
          break;
        case 'link':
          channel.link = node.text.trim();
          break;
        case 'wp:base_site_url':
          channel.baseSiteUrl = node.text.trim();
          break;
        case 'wp:base_blog_url':
          channel.baseBlogUrl = node.text.trim();
          break;
        case 'wp:wxr_version':
          channel.wxrVersion = node.text.trim();
          break;
      }
    });

    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        bytes += Buffer.byteLength(chunk);
        parser.write(chunk);
        // Records completed before the error are good; the one being read is not handed out.
        yield* queue.splice(0);
        if (pendingError) throw pendingError;
      }
      parser.close();
      yield* queue.splice(0);
      if (pendingError) throw pendingError;
    } finally {
      stream.destroy();
    }
  }
  return { channel, records: records(), bytesRead: () => bytes };
}
