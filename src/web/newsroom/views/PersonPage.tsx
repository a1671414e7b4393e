import type { PersonProfile } from '../../../newsroom/peopleQueries.js';
import type { PeopleMessages } from '../../../i18n/people.js';
import { roles } from '../../../content/policies.js';
import { urls } from '../../../content/urls.js';
import { variantPath } from '../../../media/variants.js';
import { Csrf, NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { accountLabel, PeopleNoticeView, type PeopleNotice } from './PeoplePage.js';

/** The profile fields, shared by an admin's page for a person and the person's own account page. */
export function ProfileForm(props: { v: NewsroomView; pt: PeopleMessages; p: PersonProfile; action: string; own: boolean }) {
  const { pt, p } = props;
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.v.user?.csrfToken ?? ''} />
      <label for="pf-name">{pt.name}</label>
      <input id="pf-name" type="text" name="name" required maxLength={200} value={p.name} />
      <label for="pf-title">{pt.title}</label>
      <input id="pf-title" type="text" name="title" maxLength={200} value={p.title} />
      <label for="pf-bio">{pt.bio}</label>
      <textarea id="pf-bio" name="bio" rows={6} maxLength={4000}>
        {p.bio}
      </textarea>
      <label for="pf-links">{pt.links}</label>
      <textarea id="pf-links" name="links" rows={3} spellcheck={false} placeholder="https://x.com/…">
        {p.links.join('\n')}
      </textarea>
      {p.email && (
        <label class="check">
          <input type="checkbox" name="emailPublic" value="1" checked={p.emailPublic} />
          {pt.emailPublic} ({p.email})
        </label>
      )}
      {props.own && (p.role === 'editor' || p.role === 'admin') && (
        <label class="check">
          <input type="checkbox" name="notifySubmissions" value="1" checked={p.notifySubmissions} />
          {pt.notifySubmissions}
        </label>
      )}
      {props.own && <input type="hidden" name="notifyShown" value={p.role === 'editor' || p.role === 'admin' ? '1' : '0'} />}
      <p>
        <button type="submit">{pt.saveProfile}</button>
      </p>
    </form>
  );
}

export function PhotoForm(props: { v: NewsroomView; pt: PeopleMessages; p: PersonProfile; action: string }) {
  const { pt, p } = props;
  const csrf = encodeURIComponent(props.v.user?.csrfToken ?? '');
  return (
    <div>
      {p.photoPath && <img class="profile-photo" src={urls.media(variantPath(p.photoPath, 400, 'jpg'))} width={160} height={160} alt={pt.reader.photoOf(p.name)} />}
      <form method="post" action={`${props.action}?_csrf=${csrf}`} enctype="multipart/form-data">
        <label for="pf-photo">{pt.photo}</label>
        <input id="pf-photo" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/gif" required />
        <p class="muted">{pt.photoHelp}</p>
        <p>
          <button type="submit">{pt.photo}: {props.v.t.upload}</button>
        </p>
      </form>
      {p.photoPath && (
        <form method="post" action={`${props.action}/remove`}>
          <Csrf token={props.v.user?.csrfToken ?? ''} />
          <button type="submit" class="secondary">
            {pt.removePhoto}
          </button>
        </form>
      )}
    </div>
  );
}

/** An admin's page for one person: profile, photo, and the account (invite, role, deactivate, reset link, last sign-in). */
export function PersonPage(props: { v: NewsroomView; pt: PeopleMessages; p: PersonProfile; when: (d: Date) => string; mailOn: boolean; notice?: PeopleNotice }) {
  const { v, pt, p } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  const base = `/newsroom/people/${p.id}`;
  const self = v.user?.id === p.id;
  return (
    <NewsroomLayout v={v} title={p.name}>
      <p>
        <a href="/newsroom/people">← {pt.backToPeople}</a>
      </p>
      <p>
        <span class={`status-pill account-${p.account}`}>{accountLabel(p, pt)}</span>
        {p.role && (
          <span class="muted">
            {' '}
            · {t.roles[p.role]} · {pt.lastSignIn}: {p.lastSignInAt ? props.when(p.lastSignInAt) : pt.never}
          </span>
        )}
      </p>
      {props.notice && <PeopleNoticeView n={props.notice} pt={pt} />}
      <section class="panel" aria-labelledby="h-profile">
        <h2 id="h-profile">{pt.profile}</h2>
        <ProfileForm v={v} pt={pt} p={p} action={`${base}/profile`} own={false} />
      </section>
      <section class="panel" aria-labelledby="h-photo">
        <h2 id="h-photo">{pt.photo}</h2>
        <PhotoForm v={v} pt={pt} p={p} action={`${base}/photo`} />
      </section>
      {(p.account === 'none' || p.account === 'invited') && (
        <section class="panel" aria-labelledby="h-invite">
          <h2 id="h-invite">{pt.invite}</h2>
          <p class="muted">{props.mailOn ? pt.inviteHelp : pt.mailOff}</p>
          <form method="post" action={`${base}/invite`}>
            <Csrf token={csrf} />
            <label for="inv-email">{t.email}</label>
            <input id="inv-email" type="email" name="email" required maxLength={254} value={p.email ?? ''} />
            <label for="inv-role">{t.role}</label>
            <select id="inv-role" name="role">
              {roles.map((r) => (
                <option value={r} selected={(p.role ?? 'contributor') === r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
            <p>
              <button type="submit">{pt.sendInvite}</button>
            </p>
          </form>
        </section>
      )}
      {(p.account === 'active' || p.account === 'deactivated') && !self && (
        <section class="panel" aria-labelledby="h-account">
          <h2 id="h-account">{t.account}</h2>
          {p.account === 'active' && (
            <form method="post" action={`${base}/role`}>
              <Csrf token={csrf} />
              <label for="acc-role">{t.role}</label>
              <select id="acc-role" name="role">
                {roles.map((r) => (
                  <option value={r} selected={p.role === r}>
                    {t.roles[r]}
                  </option>
                ))}
              </select>
              <p>
                <button type="submit" class="secondary">
                  {pt.changeRole}
                </button>
              </p>
            </form>
          )}
          {p.account === 'active' && (
            <form method="post" action={`${base}/reset-link`}>
              <Csrf token={csrf} />
              <p>
                <button type="submit" class="secondary">
                  {pt.sendResetLink}
                </button>
              </p>
            </form>
          )}
          {p.account === 'active' ? (
            <details class="confirm">
              <summary>{pt.deactivate}…</summary>
              <form method="post" action={`${base}/deactivate`}>
                <Csrf token={csrf} />
                <p>{pt.confirmDeactivate(p.name)}</p>
                <button type="submit" class="danger">
                  {pt.deactivate}
                </button>
              </form>
            </details>
          ) : (
            <form method="post" action={`${base}/reactivate`}>
              <Csrf token={csrf} />
              <p>
                <button type="submit">{pt.reactivate}</button>
              </p>
            </form>
          )}
        </section>
      )}
    </NewsroomLayout>
  );
}
