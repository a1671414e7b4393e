import type { PeopleMessages } from '../../../i18n/people.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

/** Choosing a password from an invitation or reset link (or right after a one-time password was spent). */
export function ResetPage(props: { v: NewsroomView; pt: PeopleMessages; csrf: string; token: string; error?: string; done?: boolean; first?: boolean }) {
  const { t } = props.v;
  const { pt } = props;
  return (
    <NewsroomLayout v={props.v} title={pt.setPassword}>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.first && <Notice kind="ok">{pt.mustChange}</Notice>}
      {props.done ? (
        <Notice kind="ok">
          {pt.passwordSet} <a href="/newsroom/login">{t.login}</a>
        </Notice>
      ) : (
        <form method="post" action="/newsroom/reset">
          <Csrf token={props.csrf} />
          <input type="hidden" name="token" value={props.token} />
          <label for="password">{t.newPassword}</label>
          <input id="password" type="password" name="password" autocomplete="new-password" required minLength={10} aria-describedby="password-help" />
          <p id="password-help" class="muted">
            {pt.passwordHelp}
          </p>
          <p>
            <button type="submit">{pt.setPassword}</button>
          </p>
        </form>
      )}
    </NewsroomLayout>
  );
}
