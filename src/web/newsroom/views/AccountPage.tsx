import type { PeopleMessages } from '../../../i18n/people.js';
import type { PersonProfile } from '../../../newsroom/peopleQueries.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';
import { PhotoForm, ProfileForm } from './PersonPage.js';

export function AccountPage(props: { v: NewsroomView; pt: PeopleMessages; profile: PersonProfile; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v, pt } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.account}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <section class="panel" aria-labelledby="h-lang">
        <h2 id="h-lang">{t.language}</h2>
        <form method="post" action="/newsroom/account/locale">
          <Csrf token={csrf} />
          <label for="locale">{t.language}</label>
          <select id="locale" name="locale">
            <option value="gu" selected={v.lang === 'gu'}>
              ગુજરાતી
            </option>
            <option value="en" selected={v.lang === 'en'}>
              English
            </option>
          </select>
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      </section>
      <section class="panel" aria-labelledby="h-profile">
        <h2 id="h-profile">{pt.profile}</h2>
        <ProfileForm v={v} pt={pt} p={props.profile} action="/newsroom/account/profile" own />
      </section>
      <section class="panel" aria-labelledby="h-photo">
        <h2 id="h-photo">{pt.photo}</h2>
        <PhotoForm v={v} pt={pt} p={props.profile} action="/newsroom/account/photo" />
      </section>
      <section class="panel" aria-labelledby="h-password">
        <h2 id="h-password">{t.password}</h2>
        <form method="post" action="/newsroom/account/password">
          <Csrf token={csrf} />
          <label for="current">{t.currentPassword}</label>
          <input id="current" type="password" name="current" autocomplete="current-password" required />
          <label for="next">{t.newPassword}</label>
          <input id="next" type="password" name="next" autocomplete="new-password" required minLength={10} />
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      </section>
    </NewsroomLayout>
  );
}
