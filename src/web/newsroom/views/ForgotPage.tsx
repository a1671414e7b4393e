import type { PeopleMessages } from '../../../i18n/people.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

/** "Forgot password": a form when mail is on (the same answer for every address), else whom to ask. */
export function ForgotPage(props: { v: NewsroomView; pt: PeopleMessages; csrf: string; mailOn: boolean; sent?: boolean }) {
  const { v, pt } = props;
  return (
    <NewsroomLayout v={v} title={pt.forgotTitle}>
      {!props.mailOn ? (
        <Notice kind="ok">{pt.forgotMailOff}</Notice>
      ) : props.sent ? (
        <Notice kind="ok">{pt.forgotSent}</Notice>
      ) : (
        <form method="post" action="/newsroom/forgot">
          <Csrf token={props.csrf} />
          <p>{pt.forgotHelp}</p>
          <label for="email">{v.t.email}</label>
          <input id="email" type="email" name="email" autocomplete="username" required maxLength={254} />
          <p>
            <button type="submit">{pt.sendLink}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/newsroom/login">{v.t.login}</a>
      </p>
    </NewsroomLayout>
  );
}
