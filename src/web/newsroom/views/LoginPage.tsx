import type { PeopleMessages } from '../../../i18n/people.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export function LoginPage(props: { v: NewsroomView; pt: PeopleMessages; csrf: string; error?: string; email?: string; next?: string }) {
  const { t } = props.v;
  return (
    <NewsroomLayout v={props.v} title={t.login}>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action="/newsroom/login">
        <Csrf token={props.csrf} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label for="email">{t.email}</label>
        <input id="email" type="email" name="email" autocomplete="username" required value={props.email ?? ''} />
        <label for="password">{t.password}</label>
        <input id="password" type="password" name="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{t.login}</button>
        </p>
      </form>
      <p>
        <a href="/newsroom/forgot">{props.pt.forgot}</a>
      </p>
    </NewsroomLayout>
  );
}
