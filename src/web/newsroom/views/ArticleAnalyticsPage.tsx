import type { ArticleFigures } from '../../../audience/dashboards.js';
import type { AudienceNewsroomMessages } from '../../../i18n/audience.js';
import { NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { DailyChart, DayTable, NamedTable, sum } from './charts.js';

export function ArticleAnalyticsPage(props: {
  v: NewsroomView;
  a: AudienceNewsroomMessages;
  f: ArticleFigures;
  format: (n: number) => string;
  dayLabel: (day: string) => string;
}) {
  const { v, a, format } = props;
  const { article, daily, referrers } = props.f;
  const title = a.articleChart(article.headline);
  const total = sum(daily);
  return (
    <NewsroomLayout v={v} title={title}>
      <p>
        {a.allTime}: <strong data-total={String(article.total)}>{format(article.total)}</strong> · 30: <strong data-total-30={String(total)}>{format(total)}</strong>
      </p>
      <DailyChart
        id="article-daily"
        title={title}
        desc={a.chartDesc(format(total), format(Math.max(0, ...daily.map((d) => d.views))), daily[0]?.day ?? '', daily[daily.length - 1]?.day ?? '')}
        data={daily}
        format={format}
        dayLabel={props.dayLabel}
      />
      <DayTable a={a} data={daily} format={format} />
      <NamedTable id="by-referrer" caption={a.byReferrer} head={a.domain} a={a} rows={referrers} format={format} />
    </NewsroomLayout>
  );
}
