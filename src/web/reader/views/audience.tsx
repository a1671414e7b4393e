import type { CommentThread, PublicComment } from '../../../audience/comments.js';
import { limits, threadDepth } from '../../../audience/comments.js';
import { wpModelMessages } from '../../../i18n/wpModel.js';
import { linkify, paragraphs } from '../../../audience/commentText.js';
import type { ArticleCard } from '../../../content/stories.js';
import type { AudienceMessages } from '../../../i18n/audience.js';
import { urls } from '../../../content/urls.js';
import type { PageMeta, ViewContext } from './context.js';
import { Layout } from './Layout.js';
import { Time } from './components.js';

/** Audience URLs, beside the site's others. */
export const audienceUrls = {
  beacon: (id: number) => `/api/v1/articles/${id}/views`,
  pixel: (id: number) => `/api/v1/articles/${id}/views.gif`,
  comments: () => '/comments',
  reply: (commentId: number) => `/comments/${commentId}/reply`,
};

/**
 * Counting hooks for the article page: the page script sends a beacon to `data-beacon`; without
 * JavaScript the 1×1 image in `<noscript>` is the beacon (browsers with JavaScript never load it).
 */
export function ViewBeaconTag(props: { articleId: number }) {
  return (
    <>
      <span data-beacon={audienceUrls.beacon(props.articleId)} hidden />
      <noscript>
        <img src={audienceUrls.pixel(props.articleId)} alt="" width={1} height={1} style="position:absolute;width:1px;height:1px;opacity:0" />
      </noscript>
    </>
  );
}

/** A short numbered list of links: a few hundred bytes on every page that shows it. */
export function MostReadBlock(props: { ctx: ViewContext; m: AudienceMessages; items: ArticleCard[] }) {
  if (props.items.length === 0) return null;
  return (
    <section aria-labelledby="most-read-h" class="most-read">
      <h2 id="most-read-h" class="block-title">
        {props.m.mostRead}
      </h2>
      <ol>
        {props.items.map((a) => (
          <li>
            <a href={urls.article(a.sectionSlug, a.slug)}>{a.headline}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * A comment's text: escaped like every string in these views; the only markup is ours — line
 * breaks, paragraphs and links for http(s) URLs, marked as user content that earns no ranking.
 */
export function CommentText(props: { text: string }) {
  return (
    <div class="comment-text" dir="auto">
      {paragraphs(props.text).map((lines) => (
        <p>
          {lines.map((line, i) => (
            <>
              {i > 0 && <br />}
              {linkify(line).map((part) =>
                part.kind === 'link' ? (
                  <a href={part.href} rel="nofollow ugc">
                    {part.text}
                  </a>
                ) : (
                  part.text
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

function CommentView(props: { ctx: ViewContext; m: AudienceMessages; c: PublicComment; replyLink: boolean }) {
  const { ctx, m, c } = props;
  return (
    <article class={c.siteReply ? 'comment comment-site' : 'comment'} id={`comment-${c.id}`}>
      <p class="comment-meta">
        <bdi class="comment-author">{c.name}</bdi>
        {c.siteReply && <span class="comment-badge">{m.siteReply}</span>} · <Time ctx={ctx} date={c.createdAt} />
      </p>
      {/* An imported comment's markup was cleaned on import (content/sanitize.ts sanitizeComment). */}
      {c.html !== null ? <div class="comment-text" dir="auto" dangerouslySetInnerHTML={{ __html: c.html }} /> : <CommentText text={c.text} />}
      {props.replyLink && (
        <p class="comment-reply">
          <a href={audienceUrls.reply(c.id)} rel="nofollow">
            {m.reply}
          </a>
        </p>
      )}
    </article>
  );
}

export interface CommentFormValues {
  name?: string;
  email?: string;
  text?: string;
}

/** The comment form: plain fields, a hidden honeypot, works without JavaScript. */
export function CommentForm(props: { m: AudienceMessages; articleId: number; parentId?: number; values?: CommentFormValues; heading: string }) {
  const { m, values = {} } = props;
  const id = props.parentId ? `r${props.parentId}` : 'c';
  return (
    // novalidate: the server's Gujarati messages answer a missing field, not the browser's English bubble.
    <form method="post" action={audienceUrls.comments()} class="comment-form" aria-labelledby={`${id}-h`} noValidate>
      <h3 id={`${id}-h`}>{props.heading}</h3>
      <input type="hidden" name="article" value={String(props.articleId)} />
      {props.parentId !== undefined && <input type="hidden" name="parent" value={String(props.parentId)} />}
      <p>
        <label for={`${id}-name`}>{m.name}</label>
        <input id={`${id}-name`} name="name" required aria-required="true" maxLength={limits.name} autocomplete="name" value={values.name ?? ''} />
      </p>
      <p>
        <label for={`${id}-email`}>{m.email}</label>
        <input id={`${id}-email`} name="email" type="email" maxLength={limits.email} autocomplete="email" value={values.email ?? ''} />
      </p>
      <p>
        <label for={`${id}-text`}>{m.text}</label>
        <textarea id={`${id}-text`} name="text" required aria-required="true" rows={5} maxLength={limits.text}>
          {values.text ?? ''}
        </textarea>
      </p>
      {/* Off screen for people, tempting for bots; labelled so a screen reader user knows to skip it. */}
      <p class="hp" aria-hidden="true">
        <label for={`${id}-website`}>{m.honeypot}</label>
        <input id={`${id}-website`} name="website" tabIndex={-1} autocomplete="off" />
      </p>
      <p class="comment-note">{m.moderationNote}</p>
      <p>
        <button type="submit">{m.send}</button>
      </p>
    </form>
  );
}

/** A comment and its replies, nested as deep as they were written (at most `threadDepth`). */
function ThreadView(props: { ctx: ViewContext; m: AudienceMessages; t: CommentThread; open: boolean }) {
  const { t } = props;
  return (
    <li class={`depth-${t.depth}`}>
      <CommentView ctx={props.ctx} m={props.m} c={t.comment} replyLink={props.open && t.depth < threadDepth} />
      {t.replies.length > 0 && (
        <ol class="comment-replies">
          {t.replies.map((r) => (
            <ThreadView ctx={props.ctx} m={props.m} t={r} open={props.open} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The article page's `#comments` section: approved comments with their replies, and the form. */
export function CommentsSection(props: { ctx: ViewContext; m: AudienceMessages; articleId: number; count: number; threads: CommentThread[]; storyOpen?: boolean }) {
  const { ctx, m } = props;
  const open = ctx.site.commentPolicy === 'open' && props.storyOpen !== false;
  return (
    <section id="comments" aria-labelledby="comments-h" class="comments">
      <h2 id="comments-h" class="block-title">
        {m.commentsHeading} ({ctx.formatCount(props.count)})
      </h2>
      {props.threads.length === 0 ? (
        <p>{m.noComments}</p>
      ) : (
        <ol class="comment-list">
          {props.threads.map((t) => (
            <ThreadView ctx={ctx} m={m} t={t} open={open} />
          ))}
        </ol>
      )}
      {open ? (
        <CommentForm m={m} articleId={props.articleId} heading={m.writeComment} />
      ) : (
        <p class="comments-closed">{ctx.site.commentPolicy === 'open' ? wpModelMessages(ctx.site.locale).commentsClosedHere : m.problem({ code: 'closed' })}</p>
      )}
    </section>
  );
}

/** The answer to a posted comment: thanks, or what was wrong and the form again with what was typed. */
export function CommentResultPage(props: {
  ctx: ViewContext;
  m: AudienceMessages;
  article?: { id: number; headline: string; path: string };
  outcome: { kind: 'published' | 'pending'; commentId: number } | { kind: 'refused'; messages: string[]; values: CommentFormValues; parentId?: number };
}) {
  const { ctx, m, article, outcome } = props;
  const title = outcome.kind === 'refused' ? m.refusedTitle : outcome.kind === 'published' ? m.thanksPublished : m.thanksPending;
  const meta: PageMeta = { title, description: title, path: audienceUrls.comments(), robots: 'noindex' };
  return (
    <Layout ctx={ctx} meta={meta}>
      <h1>{outcome.kind === 'refused' ? m.refusedTitle : title}</h1>
      {outcome.kind === 'refused' && (
        <div role="alert">
          <ul class="comment-problems">
            {outcome.messages.map((msg) => (
              <li>{msg}</li>
            ))}
          </ul>
          <p>{m.fixAndRetry}</p>
        </div>
      )}
      {outcome.kind === 'refused' && article && (
        <CommentForm
          m={m}
          articleId={article.id}
          {...(outcome.parentId !== undefined && { parentId: outcome.parentId })}
          values={outcome.values}
          heading={m.writeComment}
        />
      )}
      {article && (
        <p>
          <a href={outcome.kind === 'published' ? `${article.path}#comment-${outcome.commentId}` : `${article.path}#comments`}>
            {m.backToArticle}: {article.headline}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** Replying to a comment without JavaScript: the comment, and a form that answers it. */
export function ReplyPage(props: { ctx: ViewContext; m: AudienceMessages; article: { id: number; headline: string; path: string }; comment: PublicComment }) {
  const { ctx, m, article, comment } = props;
  const title = m.replyTo(comment.name);
  const meta: PageMeta = { title, description: title, path: audienceUrls.reply(comment.id), robots: 'noindex' };
  return (
    <Layout ctx={ctx} meta={meta}>
      <h1>{title}</h1>
      <p>
        <a href={`${article.path}#comment-${comment.id}`}>{article.headline}</a>
      </p>
      <CommentView ctx={ctx} m={m} c={comment} replyLink={false} />
      <CommentForm m={m} articleId={article.id} parentId={comment.id} heading={title} />
    </Layout>
  );
}
