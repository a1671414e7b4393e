import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export function AccountPage(props: { v: NewsroomView; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.account}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
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
    </NewsroomLayout>
  );
}
