import type { AnalyticsFigures } from '../../../audience/dashboards.js';
import type { AudienceNewsroomMessages } from '../../../i18n/audience.js';
import { NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { DailyChart, DayTable, NamedTable, TopTable, sum } from './charts.js';

export function AnalyticsPage(props: { v: NewsroomView; a: AudienceNewsroomMessages; f: AnalyticsFigures; format: (n: number) => string; dayLabel: (day: string) => string }) {
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
