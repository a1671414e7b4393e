import { wpModelMessages } from '../../../i18n/wpModel.js';
import type { ViewContext } from './context.js';

/** Where a reader sends a protected story's password (a plain form: works without JavaScript). */
export const passwordAction = '/story-password';

/** The form in the place of a protected story's body. */
export function PasswordForm(props: { ctx: ViewContext; articleId: number; wrong: boolean }) {
  const m = wpModelMessages(props.ctx.site.locale);
  const id = `pw-${props.articleId}`;
  return (
    <form method="post" action={passwordAction} class="protected-form" aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{m.protectedTitle}</h2>
      {props.wrong ? (
        <p class="protected-error" role="alert">
          {m.passwordWrong}
        </p>
      ) : (
        <p>{m.protectedIntro}</p>
      )}
      <input type="hidden" name="article" value={String(props.articleId)} />
      <label for={id}>{m.passwordLabel}</label>
      <input id={id} name="password" type="password" required aria-required="true" autocomplete="off" maxLength={255} {...(props.wrong && { 'aria-invalid': 'true' })} />
      <button type="submit">{m.passwordSubmit}</button>
    </form>
  );
}
