import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export function ResetPage(props: { v: NewsroomView; csrf: string; token: string; error?: string; done?: boolean }) {
  const { t } = props.v;
  return (
    <NewsroomLayout v={props.v} title={t.resetTitle}>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.done ? (
        <Notice kind="ok">
          {t.saved} · <a href="/newsroom/login">{t.login}</a>
        </Notice>
      ) : (
        <form method="post" action="/newsroom/reset">
          <Csrf token={props.csrf} />
          <input type="hidden" name="token" value={props.token} />
          <label for="password">{t.newPassword}</label>
          <input id="password" type="password" name="password" autocomplete="new-password" required minLength={10} />
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      )}
    </NewsroomLayout>
  );
}
