import type { PeoplePage as PeopleList, PersonRow } from '../../../newsroom/peopleQueries.js';
import type { NewsroomRestMessages } from '../../../i18n/newsroomRest.js';
import { deskMessages } from '../../../i18n/desk.js';
import type { PeopleMessages } from '../../../i18n/people.js';
import { urls } from '../../../content/urls.js';
import { variantPath } from '../../../media/variants.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

/** What the page says above the list after an action: a sentence, and a link to hand over when mail did not carry it. */
export interface PeopleNotice {
  kind: 'error' | 'ok';
  text: string;
  link?: string;
}

export function PeopleNoticeView(props: { n: PeopleNotice; pt: PeopleMessages }) {
  const { n, pt } = props;
  return (
    <div class="people-notice">
      <Notice kind={n.kind}>{n.text}</Notice>
      {n.link && (
        <p>
          <label for="handover-link">{pt.copyLink}</label>
          <input id="handover-link" type="text" readonly value={n.link} />
        </p>
      )}
    </div>
  );
}

export function Avatar(props: { path: string | null; name: string }) {
  return props.path ? (
    <img class="avatar" src={urls.media(variantPath(props.path, 400, 'jpg'))} width={48} height={48} alt="" />
  ) : (
    <span class="avatar avatar-empty" aria-hidden="true">
      {[...props.name][0] ?? ''}
    </span>
  );
}

export function accountLabel(p: Pick<PersonRow, 'account'>, pt: PeopleMessages): string {
  return { none: pt.bylineOnly, invited: pt.invited, active: pt.active, deactivated: pt.deactivated }[p.account];
}

export function PeoplePage(props: { v: NewsroomView; pt: PeopleMessages; r: NewsroomRestMessages; list: PeopleList; q: string; when: (d: Date) => string; mailOn: boolean; notice?: PeopleNotice }) {
  const { v, pt, r, list, q } = props;
  const { t } = v;
  const d = deskMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const link = (page: number) => `/newsroom/people?${new URLSearchParams({ ...(q && { q }), page: String(page) }).toString()}`;
  return (
    <NewsroomLayout v={v} title={pt.heading}>
      {props.notice && <PeopleNoticeView n={props.notice} pt={pt} />}
      {!props.mailOn && <p class="muted">{pt.mailOff}</p>}
      <form method="get" action="/newsroom/people" role="search" class="admin-inline people-search">
        <label for="people-q">{r.peopleSearch}</label>
        <input id="people-q" type="search" name="q" value={q} aria-describedby="people-q-hint" />
        <button type="submit">{r.search}</button>
        {q && <a href="/newsroom/people">{r.clearSearch}</a>}
        <small id="people-q-hint" class="muted">
          {r.peopleSearchHint}
        </small>
      </form>
      <p class="muted" role="status">
        {q ? r.peopleFound(list.total) : r.peopleTotal(list.total)}
      </p>
      {q && list.total === 0 && <p>{r.noPeopleFound}</p>}
      <ul class="people-list">
        {list.rows.map((p: PersonRow) => (
          <li class={`person person-${p.account}`}>
            <Avatar path={p.photoPath} name={p.name} />
            <div class="person-main">
              <a class="person-name" href={`/newsroom/people/${p.id}`}>
                {p.name}
              </a>
              {p.title && <span class="muted"> · {p.title}</span>}
              <div class="person-facts">
                {p.role && <span>{t.roles[p.role]}</span>}
                <span class={`status-pill account-${p.account}`}>{accountLabel(p, pt)}</span>
                {p.email && <span class="person-email">{p.email}</span>}
                {p.role && (
                  <span>
                    {pt.lastSignIn}: {p.lastSignInAt ? props.when(p.lastSignInAt) : pt.never}
                  </span>
                )}
              </div>
            </div>
            <a class="button secondary" href={`/newsroom/people/${p.id}`}>
              {pt.edit}
            </a>
          </li>
        ))}
      </ul>
      {list.pages > 1 && (
        <nav class="pager" aria-label={d.pages}>
          {list.page > 1 ? (
            <a href={link(list.page - 1)} rel="prev">
              {d.previous}
            </a>
          ) : (
            <span />
          )}
          <span>{d.pageOf(list.page, list.pages, false)}</span>
          {list.page < list.pages ? (
            <a href={link(list.page + 1)} rel="next">
              {d.next}
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
      <h2>{pt.newByline}</h2>
      <p class="muted">{pt.newBylineHelp}</p>
      <form method="post" action="/newsroom/people">
        <Csrf token={csrf} />
        <label for="p-name">{pt.name}</label>
        <input id="p-name" type="text" name="name" required maxLength={200} />
        <label for="p-title">{pt.title}</label>
        <input id="p-title" type="text" name="title" maxLength={200} />
        <p>
          <button type="submit">{pt.create}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}
