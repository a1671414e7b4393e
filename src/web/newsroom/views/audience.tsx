import type { CommentStatus } from '../../../db/schema.js';
import type { QueueRow } from '../../../audience/comments.js';
import type { CommentSettings } from '../../../audience/commentSettings.js';
import type { ArticleViews, DayViews, NamedViews } from '../../../audience/analytics.js';
import { directReferrer } from '../../../audience/visitor.js';
import type { AudienceNewsroomMessages } from '../../../i18n/audience.js';
import { CommentText } from '../../reader/views/audience.js';
import { Csrf, Notice, NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';

const statuses: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];
/** What each row button would make the comment: a button that changes nothing is not shown. */
const actionStatus: Record<'approve' | 'reject' | 'spam', CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };

export function ModerationPage(props: {
  v: NewsroomView;
  a: AudienceNewsroomMessages;
  status: CommentStatus;
  rows: QueueRow[];
  counts: Record<CommentStatus, number>;
  settings: CommentSettings;
  notice?: { kind: 'error' | 'ok'; text: string };
}) {
  const { v, a, status } = props;
  const csrf = v.user?.csrfToken ?? '';
  const when = (d: Date) => d.toLocaleString(v.lang === 'gu' ? 'gu-IN' : 'en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <NewsroomLayout v={v} title={a.comments}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <nav aria-label={a.comments} class="filters">
        {statuses.map((s) => (
          <a href={`/newsroom/comments?status=${s}`} aria-current={s === status ? 'page' : undefined}>
            {a.statuses[s]} ({props.counts[s]})
          </a>
        ))}{' '}
      </nav>
      {props.rows.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <form method="post" action={`/newsroom/comments?status=${status}`}>
          <Csrf token={csrf} />
          <p>
            <label for="bulk-action">{a.selected}</label>{' '}
            <select id="bulk-action" name="action">
              {(Object.keys(a.actions) as (keyof typeof a.actions)[]).map((k) => (
                <option value={k}>{a.actions[k]}</option>
              ))}
            </select>{' '}
            <button type="submit">{a.apply}</button>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{a.select}</th>
                <th scope="col">{a.author}</th>
                <th scope="col">{a.text}</th>
                <th scope="col">{a.article}</th>
                <th scope="col">{a.when}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr id={`c-${r.id}`}>
                  <td>
                    <input type="checkbox" name="ids" value={String(r.id)} id={`sel-${r.id}`} aria-label={`${a.select} ${r.id}`} />
                  </td>
                  <td>
                    <bdi>{r.name}</bdi>
                    {r.email && (
                      <>
                        <br />
                        <small>{r.email}</small>
                      </>
                    )}
                  </td>
                  <td style="max-width:30em;overflow-wrap:anywhere">
                    {r.parentId !== null && <small>↳ {a.isReply} #{r.parentId}</small>}
                    <CommentText text={r.text} />
                  </td>
                  <td>
                    <a href={`/newsroom/articles/${r.articleId}`}>{r.headline}</a>
                  </td>
                  <td>{when(r.createdAt)}</td>
                  <td>
                    {(Object.keys(a.actions) as (keyof typeof a.actions)[])
                      .filter((k) => k === 'delete' || actionStatus[k] !== status)
                      .map((k) => (
                        <button type="submit" name="one" value={`${k}:${r.id}`} class="inline">
                          {a.actions[k]}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </form>
      )}
      <h2>{a.settings}</h2>
      <form method="post" action="/newsroom/comments/settings">
        <Csrf token={csrf} />
        <p>
          <label>
            <input type="checkbox" name="autoApprove" value="1" checked={props.settings.autoApprove} /> {a.autoApprove}
          </label>
        </p>
        <p>
          <label for="max-links">{a.maxLinks}</label>{' '}
          <input id="max-links" name="maxLinks" type="number" min={0} max={20} value={String(props.settings.maxLinks)} />
        </p>
        <p>
          <label for="blocklist">{a.blocklist}</label>
          <br />
          <textarea id="blocklist" name="blocklist" rows={6} cols={40}>
            {props.settings.blocklist.join('\n')}
          </textarea>
        </p>
        <p>
          <button type="submit">{v.t.save}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}

/**
 * Views per day as an SVG bar chart drawn on the server: no script, readable by screen readers
 * through its title and description, with the same figures in a table beside it.
 */
export function DailyChart(props: { id: string; title: string; desc: string; data: DayViews[]; format: (n: number) => string; dayLabel: (day: string) => string }) {
  const { data } = props;
  const width = 720;
  const height = 220;
  const pad = { left: 48, right: 8, top: 12, bottom: 28 };
  const max = Math.max(1, ...data.map((d) => d.views));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / Math.max(1, data.length);
  const barW = Math.max(1, step * 0.7);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`} width="100%" style="max-width:720px;height:auto">
      <title id={`${props.id}-t`}>{props.title}</title>
      <desc id={`${props.id}-d`}>{props.desc}</desc>
      <line x1={pad.left} y1={pad.top + plotH} x2={width - pad.right} y2={pad.top + plotH} stroke="#888" />
      <text x={pad.left - 4} y={pad.top + 10} text-anchor="end" font-size="11">
        {props.format(max)}
      </text>
      <text x={pad.left - 4} y={pad.top + plotH} text-anchor="end" font-size="11">
        {props.format(0)}
      </text>
      {data.map((d, i) => {
        const h = (d.views / max) * plotH;
        const x = pad.left + i * step + (step - barW) / 2;
        return (
          <g>
            <rect x={x.toFixed(1)} y={(pad.top + plotH - h).toFixed(1)} width={barW.toFixed(1)} height={h.toFixed(1)} fill="#8a1c1c">
              <title>{`${props.dayLabel(d.day)}: ${props.format(d.views)}`}</title>
            </rect>
            {(i % 5 === 0 || i === data.length - 1) && (
              <text x={(x + barW / 2).toFixed(1)} y={height - 8} text-anchor="middle" font-size="10">
                {props.dayLabel(d.day)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function DayTable(props: { a: AudienceNewsroomMessages; data: DayViews[]; format: (n: number) => string }) {
  return (
    <details>
      <summary>{props.a.dataTable}</summary>
      <table class="day-table">
        <thead>
          <tr>
            <th scope="col">{props.a.day}</th>
            <th scope="col">{props.a.views}</th>
          </tr>
        </thead>
        <tbody>
          {props.data.map((d) => (
            <tr>
              <td>{d.day}</td>
              <td data-views={String(d.views)}>{props.format(d.views)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function NamedTable(props: { caption: string; head: string; a: AudienceNewsroomMessages; rows: NamedViews[]; format: (n: number) => string; id: string }) {
  return (
    <table id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col">{props.a.views}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={2}>{props.a.noData}</td>
          </tr>
        )}
        {props.rows.map((r) => (
          <tr>
            <td>{r.name === directReferrer ? props.a.direct : r.name}</td>
            <td data-views={String(r.views)}>{props.format(r.views)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TopTable(props: { caption: string; a: AudienceNewsroomMessages; rows: ArticleViews[]; format: (n: number) => string; id: string }) {
  const { a } = props;
  return (
    <table id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{a.article}</th>
          <th scope="col">{a.section}</th>
          <th scope="col">{a.views}</th>
          <th scope="col">{a.allTime}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={4}>{a.noData}</td>
          </tr>
        )}
        {props.rows.map((r) => (
          <tr data-article={String(r.id)}>
            <td>
              <a href={`/newsroom/analytics/articles/${r.id}`}>{r.headline}</a>
            </td>
            <td>{r.sectionName}</td>
            <td data-views={String(r.views)}>{props.format(r.views)}</td>
            <td data-total={String(r.total)}>{props.format(r.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface DashboardFigures {
  daily: DayViews[];
  top: { day: ArticleViews[]; week: ArticleViews[]; month: ArticleViews[] };
  sections: NamedViews[];
  referrers: NamedViews[];
}

const sum = (d: DayViews[]) => d.reduce((s, x) => s + x.views, 0);

export function AnalyticsPage(props: { v: NewsroomView; a: AudienceNewsroomMessages; f: DashboardFigures; format: (n: number) => string; dayLabel: (day: string) => string }) {
  const { v, a, f, format } = props;
  const first = f.daily[0]?.day ?? '';
  const last = f.daily[f.daily.length - 1]?.day ?? '';
  return (
    <NewsroomLayout v={v} title={a.analytics}>
      <p>
        <a href="/newsroom/analytics.csv" download>
          {a.csv}
        </a>
      </p>
      <h2>{a.viewsPerDay}</h2>
      <p>
        {a.total}: <strong data-total-30={String(sum(f.daily))}>{format(sum(f.daily))}</strong>
      </p>
      <DailyChart
        id="daily"
        title={a.viewsPerDay}
        desc={a.chartDesc(format(sum(f.daily)), format(Math.max(0, ...f.daily.map((d) => d.views))), first, last)}
        data={f.daily}
        format={format}
        dayLabel={props.dayLabel}
      />
      <DayTable a={a} data={f.daily} format={format} />
      <TopTable id="top-day" caption={a.top.day} a={a} rows={f.top.day} format={format} />
      <TopTable id="top-week" caption={a.top.week} a={a} rows={f.top.week} format={format} />
      <TopTable id="top-month" caption={a.top.month} a={a} rows={f.top.month} format={format} />
      <NamedTable id="by-section" caption={a.bySection} head={a.section} a={a} rows={f.sections} format={format} />
      <NamedTable id="by-referrer" caption={a.byReferrer} head={a.domain} a={a} rows={f.referrers} format={format} />
    </NewsroomLayout>
  );
}

export function ArticleAnalyticsPage(props: {
  v: NewsroomView;
  a: AudienceNewsroomMessages;
  article: { id: number; headline: string; total: number };
  daily: DayViews[];
  referrers: NamedViews[];
  format: (n: number) => string;
  dayLabel: (day: string) => string;
}) {
  const { v, a, format } = props;
  const title = a.articleChart(props.article.headline);
  const total = sum(props.daily);
  return (
    <NewsroomLayout v={v} title={title}>
      <p>
        {a.allTime}: <strong data-total={String(props.article.total)}>{format(props.article.total)}</strong> · 30: <strong data-total-30={String(total)}>{format(total)}</strong>
      </p>
      <DailyChart
        id="article-daily"
        title={title}
        desc={a.chartDesc(format(total), format(Math.max(0, ...props.daily.map((d) => d.views))), props.daily[0]?.day ?? '', props.daily[props.daily.length - 1]?.day ?? '')}
        data={props.daily}
        format={format}
        dayLabel={props.dayLabel}
      />
      <DayTable a={a} data={props.daily} format={format} />
      <NamedTable id="by-referrer" caption={a.byReferrer} head={a.domain} a={a} rows={props.referrers} format={format} />
    </NewsroomLayout>
  );
}
