import type { Section } from '../../../db/schema.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export function HomeCurationPage(props: { v: NewsroomView; pins: number[]; sections: Section[]; banner: { text: string; url?: string } | null; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.homePage}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <form method="post" action="/newsroom/home">
        <Csrf token={csrf} />
        <label for="pins">{t.pins}</label>
        <input id="pins" type="text" name="pins" value={props.pins.join(', ')} />
        <label for="order">{t.sectionOrder}</label>
        <input id="order" type="text" name="sectionOrder" value={props.sections.filter((s) => s.parent_id === null).map((s) => `${s.id}`).join(', ')} />
        <p class="save-state">{props.sections.filter((s) => s.parent_id === null).map((s) => `${s.id}=${s.name}`).join(' · ')}</p>
        <label for="banner">{t.bannerText}</label>
        <input id="banner" type="text" name="bannerText" value={props.banner?.text ?? ''} />
        <label for="banner-url">{t.bannerUrl}</label>
        <input id="banner-url" type="text" name="bannerUrl" value={props.banner?.url ?? ''} />
        <p>
          <button type="submit">{t.save}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}
