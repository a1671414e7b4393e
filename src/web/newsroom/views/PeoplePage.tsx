import type { StaffMember } from '../../../newsroom/newsroomQueries.js';
import { roles } from '../../../content/policies.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export function PeoplePage(props: { v: NewsroomView; people: StaffMember[]; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.people}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <table>
        <tbody>
          {props.people.map((p) => (
            <tr>
              <td>{p.name}</td>
              <td>{p.email ?? '—'}</td>
              <td>
                <form method="post" action={`/newsroom/people/${p.id}/role`} class="inline">
                  <Csrf token={csrf} />
                  <select name="role" aria-label={t.role}>
                    {roles.map((r) => (
                      <option value={r} selected={p.role === r}>
                        {t.roles[r]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    {t.save}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.invite}</h2>
      <form method="post" action="/newsroom/people">
        <Csrf token={csrf} />
        <label for="p-name">{t.authors}</label>
        <input id="p-name" type="text" name="name" required />
        <label for="p-email">{t.email}</label>
        <input id="p-email" type="email" name="email" required />
        <label for="p-role">{t.role}</label>
        <select id="p-role" name="role">
          {roles.map((r) => (
            <option value={r}>{t.roles[r]}</option>
          ))}
        </select>
        <p>
          <button type="submit">{t.invite}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}
