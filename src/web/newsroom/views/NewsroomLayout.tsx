import type { ComponentChildren } from 'preact';
import type { NewsroomMessages } from '../../../i18n/newsroom.js';
import type { SessionUser } from '../../../newsroom/sessions.js';
import { can } from '../../../content/policies.js';
import { pagesMessages } from '../../../i18n/pages.js';
import { audienceNewsroomMessages } from '../../../i18n/audience.js';
import { distributionUiMessages } from '../../../i18n/distribution.js';
import { siteAdminMessages } from '../../../i18n/siteAdmin.js';

export interface NewsroomView {
  t: NewsroomMessages;
  lang: 'gu' | 'en';
  siteName: string;
  user?: SessionUser;
  /** A date and time as the whole newsroom writes them: the site's zone (named), its digits, the person's language. */
  time: (d: Date) => string;
}

export function NewsroomLayout(props: { v: NewsroomView; title: string; children: ComponentChildren; scripts?: string[] }) {
  const { v } = props;
  const { t, user } = v;
  const actor = user ? { id: user.id, role: user.role } : undefined;
  return (
    <html lang={v.lang === 'gu' ? 'gu-IN' : 'en-IN'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} | ${t.newsroom} | ${v.siteName}`}</title>
        <link rel="stylesheet" href="/assets/newsroom.css" />
        {user && <meta name="csrf-token" content={user.csrfToken} />}
        {(props.scripts ?? []).map((src) => (
          <script type="module" src={src} />
        ))}
      </head>
      <body>
        <header class="nr-head">
          <a href="/newsroom" class="nr-brand">
            {v.siteName} · {t.newsroom}
          </a>
          {user && actor && (
            <nav aria-label={t.newsroom}>
              <a href="/newsroom">{t.dashboard}</a>
              <a href="/newsroom/articles">{t.articles}</a>
              <a href="/newsroom/articles/new">{t.newArticle}</a>
              {can(actor, 'pages.manage') && <a href="/newsroom/pages/new">{pagesMessages(v.lang).newPage}</a>}
              <a href="/newsroom/media">{t.media}</a>
              {can(actor, 'home.curate') && <a href="/newsroom/home">{t.homePage}</a>}
              {can(actor, 'menus.manage') && <a href="/newsroom/menus">{pagesMessages(v.lang).menus}</a>}
              {can(actor, 'comments.moderate') && <a href="/newsroom/comments">{audienceNewsroomMessages(v.lang).comments}</a>}
              {can(actor, 'analytics.view') && <a href="/newsroom/analytics">{audienceNewsroomMessages(v.lang).analytics}</a>}
              {can(actor, 'people.manage') && <a href="/newsroom/people">{t.people}</a>}
              {can(actor, 'distribution.manage') && <a href="/newsroom/channels">{distributionUiMessages(v.lang).channels}</a>}
              {can(actor, 'taxonomy.manage') && <a href="/newsroom/sections">{siteAdminMessages(v.lang).sections}</a>}
              {can(actor, 'settings.manage') && <a href="/newsroom/settings">{siteAdminMessages(v.lang).settings}</a>}
              <a href="/newsroom/account">{t.account}</a>
              <form method="post" action="/newsroom/logout" class="inline">
                <input type="hidden" name="_csrf" value={user.csrfToken} />
                <button type="submit">{t.logout}</button>
              </form>
            </nav>
          )}
        </header>
        <main id="main" class="nr-main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Notice(props: { kind: 'error' | 'ok'; children: ComponentChildren }) {
  return (
    <p class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}
