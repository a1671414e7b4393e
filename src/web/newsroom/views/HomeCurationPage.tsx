import type { Section } from '../../../db/schema.js';
import type { NewsroomArticleRow } from '../../../newsroom/newsroomQueries.js';
import type { NewsroomRestMessages } from '../../../i18n/newsroomRest.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export interface HomeCurationProps {
  v: NewsroomView;
  r: NewsroomRestMessages;
  pins: number[];
  pinned: NewsroomArticleRow[];
  found: NewsroomArticleRow[];
  q: string;
  sections: Section[];
  banner: { text: string; url?: string } | null;
  notice?: { kind: 'error' | 'ok'; text: string };
}

/** One button that saves the pins as `ids` (add, move or remove is the new list; no script needed). */
function PinsButton(props: { csrf: string; ids: number[]; label: string; text: string; q: string; primary?: boolean; moved?: number }) {
  return (
    <form method="post" action="/newsroom/home/pins" class="inline">
      <Csrf token={props.csrf} />
      <input type="hidden" name="pins" value={props.ids.join(',')} />
      {props.moved !== undefined && <input type="hidden" name="moved" value={String(props.moved)} />}
      {props.q && <input type="hidden" name="q" value={props.q} />}
      <button type="submit" class={props.primary ? undefined : 'icon'} aria-label={props.label} title={props.label}>
        {props.text}
      </button>
    </form>
  );
}

/**
 * The home page's top stories (found by typing part of a headline, ordered with ↑ ↓ or by
 * dragging a row, which posts the same form), and the breaking banner.
 */
export function HomeCurationPage(props: HomeCurationProps) {
  const { v, r, pins } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  const moved = (from: number, to: number) => {
    const next = [...pins];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id!);
    return next;
  };
  return (
    <NewsroomLayout v={v} title={t.homePage} scripts={['/assets/homePins.js']}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <section class="panel" aria-labelledby="pins-h">
        <h2 id="pins-h">{t.pinnedHeading}</h2>
        {props.pinned.length === 0 ? (
          <p>{t.noPins}</p>
        ) : (
          <>
            <ol class="admin-rows pin-rows">
              {props.pinned.map((a, i) => (
                <li class="admin-row" draggable={true} data-id={String(a.id)}>
                  <span>
                    <a href={`/newsroom/articles/${a.id}/edit`}>{a.headline}</a> <span class={`status-pill status-${a.status}`}>{t.statuses[a.status]}</span>
                  </span>
                  <span class="admin-row-move">
                    {i > 0 && <PinsButton csrf={csrf} ids={moved(i, i - 1)} label={t.pinUp(a.headline)} text="↑" q={props.q} moved={a.id} />}
                    {i < props.pinned.length - 1 && <PinsButton csrf={csrf} ids={moved(i, i + 1)} label={t.pinDown(a.headline)} text="↓" q={props.q} moved={a.id} />}
                    <PinsButton csrf={csrf} ids={pins.filter((id) => id !== a.id)} label={t.pinRemove(a.headline)} text="✕" q={props.q} />
                  </span>
                </li>
              ))}
            </ol>
            {props.pinned.length > 1 && <p class="help">{r.dragHint}</p>}
            <form method="post" action="/newsroom/home/pins" id="pins-order" hidden>
              <Csrf token={csrf} />
              <input type="hidden" name="pins" value={pins.join(',')} />
              <input type="hidden" name="moved" value="" />
              {props.q && <input type="hidden" name="q" value={props.q} />}
            </form>
          </>
        )}
        <form method="get" action="/newsroom/home" role="search" class="admin-inline">
          <label for="pin-q" class="visually-hidden">
            {t.findToPin}
          </label>
          <input id="pin-q" type="search" name="q" value={props.q} placeholder={t.findToPin} />
          <button type="submit">{t.findButton}</button>
        </form>
        {props.q && props.found.length === 0 && <p>{t.nothingFound}</p>}
        {props.found.length > 0 && (
          <ul class="admin-rows">
            {props.found.map((a) => (
              <li class="admin-row">
                <span>{a.headline}</span>
                <span class="admin-row-move">
                  <PinsButton csrf={csrf} ids={[...pins, a.id]} label={`${t.pinAdd}: ${a.headline}`} text={t.pinAdd} q={props.q} primary />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="banner-h">
        <h2 id="banner-h">{t.breaking}</h2>
        <form method="post" action="/newsroom/home">
          <Csrf token={csrf} />
          <input type="hidden" name="pins" value={pins.join(',')} />
          <label for="banner">{t.bannerText}</label>
          <input id="banner" type="text" name="bannerText" value={props.banner?.text ?? ''} />
          <label for="banner-url">{t.bannerUrl}</label>
          <input id="banner-url" type="text" name="bannerUrl" value={props.banner?.url ?? ''} />
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
        <p class="help">
          <a href="/newsroom/sections">{t.sectionOrderElsewhere}</a>
        </p>
      </section>
    </NewsroomLayout>
  );
}
