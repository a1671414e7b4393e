import type { ArticleViews, DayViews, NamedViews } from '../../../audience/analytics.js';
import { directReferrer } from '../../../audience/visitor.js';
import type { AudienceNewsroomMessages } from '../../../i18n/audience.js';

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

export function DayTable(props: { a: AudienceNewsroomMessages; data: DayViews[]; format: (n: number) => string }) {
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

export function NamedTable(props: { caption: string; head: string; a: AudienceNewsroomMessages; rows: NamedViews[]; format: (n: number) => string; id: string }) {
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

export function TopTable(props: { caption: string; a: AudienceNewsroomMessages; rows: ArticleViews[]; format: (n: number) => string; id: string }) {
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

export const sum = (d: DayViews[]) => d.reduce((s, x) => s + x.views, 0);
