import { shareCardsMessages } from '../../../i18n/shareCards.js';
import type { ChannelView, DeliveryView, ReaderDeliveries } from '../../../distribution/queries.js';
import type { ChangeKind, ChannelType, DeliveryOutcome } from '../../../distribution/channels/types.js';
import type { SecretProblem } from '../../../distribution/secrets.js';
import type { DeliveryStatus } from '../../../db/schema.js';
import { distributionMessages, distributionPostTexts, distributionUiMessages } from '../../../i18n/distribution.js';
import { addableTypes, channelFields, fieldValue, maskOf } from '../channelForm.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

type Json = Record<string, unknown>;
type Num = (n: number) => string;

export interface PageNotice {
  kind: 'error' | 'ok';
  text: string;
}

function SecretProblemNotice(props: { v: NewsroomView; problem: SecretProblem | null }) {
  if (props.problem === null) return null;
  const u = distributionUiMessages(props.v.lang);
  return (
    <div class="notice notice-error" role="alert">
      <strong>{u.secretsUnavailable}.</strong> {distributionMessages(props.v.lang).secretProblem(props.problem)}
    </div>
  );
}

export function ChannelsPage(props: { v: NewsroomView; channels: ChannelView[]; secretProblem: SecretProblem | null; num: Num; notice?: PageNotice }) {
  const { v, num } = props;
  const u = distributionUiMessages(v.lang);
  const d = distributionMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={u.channels}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <SecretProblemNotice v={v} problem={props.secretProblem} />
      <p>{u.channelsIntro}</p>
      {props.channels.length === 0 ? (
        <p>{u.noChannels}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{u.name}</th>
                <th scope="col">{u.type}</th>
                <th scope="col">{u.state}</th>
                <th scope="col">{u.deliveries}</th>
                <th scope="col">
                  <span class="sr">{u.edit}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.channels.map((c) => {
                const waiting = (c.counts.pending ?? 0) + (c.counts.retry ?? 0) + (c.counts.sending ?? 0);
                const problems = (c.counts.failed ?? 0) + (c.counts.unknown ?? 0);
                return (
                  <tr>
                    <td>
                      <a href={`/newsroom/channels/${c.id}`}>{c.name}</a>
                    </td>
                    <td>{d.channelNames[c.type]}</td>
                    <td>
                      <span class={`status-pill ${c.enabled ? 'on' : 'off'}`}>{c.enabled ? u.enabled : u.disabled}</span>
                    </td>
                    <td>
                      {d.statuses.sent}: {num(c.counts.sent ?? 0)}
                      {waiting > 0 && <> · {u.pendingCount(num(waiting))}</>}
                      {problems > 0 && <> · <strong>{u.problemCount(num(problems))}</strong></>}
                      {(c.type === 'webpush' || c.type === 'whatsapp') && <> · {u.readers(num(c.readers), c.readers)}</>}
                    </td>
                    <td>
                      <form method="post" action={`/newsroom/channels/${c.id}/enabled`} class="inline">
                        <Csrf token={csrf} />
                        <input type="hidden" name="enabled" value={c.enabled ? 'off' : 'on'} />
                        <button type="submit" class="secondary">
                          {c.enabled ? u.disable : u.enable}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{u.addChannel}</h2>
      <ul class="chip-list">
        {addableTypes.map((type) => (
          <li>
            <a class="button secondary" href={`/newsroom/channels/new?type=${type}`}>
              {d.channelNames[type]}
            </a>
          </li>
        ))}
      </ul>
    </NewsroomLayout>
  );
}

export interface ChannelFormProps {
  v: NewsroomView;
  type: ChannelType;
  /** The channel being changed; absent for a new one. */
  channel?: ChannelView;
  /** What the fields show: the stored config, or what was just entered (after an error). */
  values: Json;
  name: string;
  rules: { sections: number[]; breakingOnly: boolean; firstPublicationOnly: boolean; delaySeconds: number; kinds: ChangeKind[] };
  allowPrivate: boolean;
  handles: readonly ChangeKind[];
  sections: Array<{ id: number; name: string; parent_id: number | null }>;
  secretProblem: SecretProblem | null;
  /** The webhook address to give the WhatsApp Cloud API. */
  webhookUrl?: string;
  notice?: PageNotice;
  test?: DeliveryOutcome<unknown>;
  num: Num;
}

function TestAnswer(props: { v: NewsroomView; outcome: DeliveryOutcome<unknown> }) {
  const u = distributionUiMessages(props.v.lang);
  const d = distributionMessages(props.v.lang);
  const o = props.outcome;
  const ok = o.status === 'sent';
  const headline = o.status === 'sent' ? u.testSent : o.status === 'failed' ? u.testFailed : o.status === 'retry' ? u.testRetry : u.testUnknown;
  return (
    <section class={`notice ${ok ? 'notice-ok' : 'notice-error'} test-answer`} role={ok ? 'status' : 'alert'} aria-labelledby="test-h">
      <h2 id="test-h">
        {u.testAnswer}: {headline}
      </h2>
      {o.status === 'sent' ? (
        <p>
          {o.remoteId && <code>{o.remoteId}</code>} {o.remoteUrl && <a href={o.remoteUrl}>{d.viewPost}</a>}
        </p>
      ) : (
        <>
          <p>{d.reason(o.reason)}</p>
          <p>
            <code class="service-words">
              {o.status === 'failed' && o.httpStatus ? `HTTP ${o.httpStatus}: ` : ''}
              {o.detail}
            </code>
          </p>
        </>
      )}
    </section>
  );
}

/** What a channel posts when its template is left empty. */
function defaultTemplate(type: ChannelType, lang: 'gu' | 'en'): string {
  return type === 'x' ? '{breaking}{headline}\n\n{dek}\n\n{url}' : distributionPostTexts(lang).telegramTemplate;
}

export function ChannelFormPage(props: ChannelFormProps) {
  const { v, type, channel, values, rules, num } = props;
  const u = distributionUiMessages(v.lang);
  const d = distributionMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const title = channel ? u.editChannel(channel.name) : u.newChannel(d.channelNames[type]);
  const masked = channel?.config ?? {};
  const action = channel ? `/newsroom/channels/${channel.id}` : '/newsroom/channels';
  const sc = shareCardsMessages(v.lang);
  return (
    <NewsroomLayout v={v} title={title} scripts={['/assets/distribution.js']}>
      <p>
        <a href="/newsroom/channels">← {u.back}</a>
      </p>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      {props.test && <TestAnswer v={v} outcome={props.test} />}
      <SecretProblemNotice v={v} problem={props.secretProblem} />
      {channel && (
        <div class="actions">
          {/* A push test goes to this browser's own subscription, which the page script puts in the form. */}
          {type === 'webpush' && (
            <form method="post" action={`/newsroom/channels/${channel.id}/test`} id="push-test" data-ready={sc.pushTestReady} data-none={sc.pushTestNotSubscribed}>
              <Csrf token={csrf} />
              <input type="hidden" name="subscription" id="push-test-subscription" />
              <p class="help">
                {sc.pushTestHelp} <a href="/notifications">/notifications</a>
              </p>
              <p class="help" id="push-test-status" role="status" />
              <button type="submit" disabled>
                {u.sendTest}
              </button>
            </form>
          )}
          {type !== 'webpush' && (
            <form method="post" action={`/newsroom/channels/${channel.id}/test`}>
              <Csrf token={csrf} />
              {type === 'whatsapp' && (
                <>
                  <label for="test-to">{u.testTarget}</label>
                  <input id="test-to" type="text" name="to" inputmode="tel" autocomplete="off" />
                </>
              )}
              <button type="submit">{u.sendTest}</button>
            </form>
          )}
          <form method="post" action={`/newsroom/channels/${channel.id}/enabled`}>
            <Csrf token={csrf} />
            <input type="hidden" name="enabled" value={channel.enabled ? 'off' : 'on'} />
            <button type="submit" class="secondary">
              {channel.enabled ? u.disable : u.enable}
            </button>
          </form>
          <span class={`status-pill ${channel.enabled ? 'on' : 'off'}`}>{channel.enabled ? u.enabled : u.disabled}</span>
        </div>
      )}
      {props.webhookUrl && <p class="help">{u.webhookUrlHelp(props.webhookUrl)}</p>}
      <form method="post" action={action} class="channel-form">
        <Csrf token={csrf} />
        <input type="hidden" name="type" value={type} />
        <label for="ch-name">{u.name}</label>
        <input id="ch-name" type="text" name="name" required maxLength={100} value={props.name} />
        {channelFields[type].map((f) => {
          const id = `ch-${f.path.replace(/\./g, '-')}`;
          const name = `c.${f.path}`;
          const label = f.label(u.fields);
          switch (f.kind) {
            case 'checkbox':
              return (
                <label class="check">
                  <input type="checkbox" name={name} checked={values[f.path] === true} /> {label}
                </label>
              );
            case 'onUnpublish':
              return (
                <>
                  <label for={id}>{label}</label>
                  <select id={id} name={name}>
                    <option value="delete" selected={values[f.path] !== 'mark'}>
                      {u.fields.onUnpublishDelete}
                    </option>
                    <option value="mark" selected={values[f.path] === 'mark'}>
                      {u.fields.onUnpublishMark}
                    </option>
                  </select>
                </>
              );
            case 'template':
            case 'lines':
              return (
                <>
                  <label for={id}>{label}</label>
                  <textarea id={id} name={name} aria-describedby={f.kind === 'template' ? `${id}-help` : undefined} placeholder={f.kind === 'template' ? defaultTemplate(type, v.lang) : undefined}>
                    {fieldValue(f, values)}
                  </textarea>
                  {f.kind === 'template' && (
                    <p class="help" id={`${id}-help`}>
                      {u.placeholders}
                    </p>
                  )}
                </>
              );
            case 'secret':
            case 'secretList': {
              const mask = maskOf(f, masked);
              return (
                <>
                  <label for={id}>{label}</label>
                  <input id={id} type="password" name={name} autocomplete="off" aria-describedby={`${id}-help`} />
                  <p class="help" id={`${id}-help`}>
                    {mask ? u.secretKept(mask) : u.secretNone}
                  </p>
                </>
              );
            }
            default:
              return (
                <>
                  <label for={id}>{label}</label>
                  <input id={id} type="text" name={name} value={fieldValue(f, values)} autocomplete="off" />
                </>
              );
          }
        })}
        <fieldset>
          <legend>{u.rules}</legend>
          {props.sections.length > 0 && (
            <fieldset class="plain">
              <legend>{u.sections}</legend>
              <p class="help">{u.allSections}</p>
              <div class="check-grid">
                {props.sections
                  .filter((s) => s.parent_id === null)
                  .map((s) => (
                    <label class="check">
                      <input type="checkbox" name="sections" value={String(s.id)} checked={rules.sections.includes(s.id)} /> {s.name}
                    </label>
                  ))}
              </div>
            </fieldset>
          )}
          <fieldset class="plain">
            <legend>{u.kinds}</legend>
            <div class="check-grid">
              {props.handles.map((k) => (
                <label class="check">
                  <input type="checkbox" name="kinds" value={k} checked={rules.kinds.includes(k)} /> {u.kindNames[k]}
                </label>
              ))}
            </div>
          </fieldset>
          <label class="check">
            <input type="checkbox" name="breakingOnly" checked={rules.breakingOnly} /> {u.breakingOnly}
          </label>
          <label class="check">
            <input type="checkbox" name="firstPublicationOnly" checked={rules.firstPublicationOnly} /> {u.firstPublicationOnly}
          </label>
          <label for="ch-delay">{u.delaySeconds}</label>
          <input id="ch-delay" type="number" name="delaySeconds" min="0" max="86400" step="1" value={String(rules.delaySeconds)} aria-describedby="ch-delay-help" />
          <p class="help" id="ch-delay-help">
            {u.delayHelp}
          </p>
          <label class="check">
            <input type="checkbox" name="allowPrivate" checked={props.allowPrivate} /> {u.allowPrivate}
          </label>
        </fieldset>
        <p>
          <button type="submit">{u.save}</button>
        </p>
      </form>
      {channel && (
        <p class="help">
          {d.statuses.sent}: {num(channel.counts.sent ?? 0)}
          {(type === 'webpush' || type === 'whatsapp') && <> · {u.readers(num(channel.readers), channel.readers)}</>}
        </p>
      )}
    </NewsroomLayout>
  );
}

function StatusCell(props: { v: NewsroomView; d: DeliveryView; num: Num }) {
  const dm = distributionMessages(props.v.lang);
  const { d } = props;
  return (
    <>
      <span class={`status-pill status-${d.status}`}>{dm.statuses[d.status]}</span>
      {d.status === 'sent' && d.remoteUrl && (
        <>
          {' '}
          <a href={d.remoteUrl}>{dm.viewPost}</a>
        </>
      )}
      {d.status === 'sent' && d.unchanged && <p class="help">{dm.unchanged}</p>}
      {d.reason && d.status !== 'sent' && <p class="help">{dm.reason(d.reason)}</p>}
      {d.detail && d.status !== 'sent' && (
        <p class="help">
          <code class="service-words">{d.detail}</code>
        </p>
      )}
      {d.status === 'unknown' && (
        <p class="help">
          <strong>{dm.checkAndResend}</strong>
        </p>
      )}
      {d.status === 'retry' && d.nextAttemptAt && (
        <p class="help">{dm.retryIn(props.num(Math.max(0, Math.round((d.nextAttemptAt.getTime() - Date.now()) / 1000))))}</p>
      )}
    </>
  );
}

function ResendButton(props: { v: NewsroomView; d: DeliveryView; back: string }) {
  const u = distributionUiMessages(props.v.lang);
  return (
    <form method="post" action={`/newsroom/deliveries/${props.d.id}/resend`} class="inline">
      <Csrf token={props.v.user?.csrfToken ?? ''} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class="secondary">
        {props.d.status === 'unknown' ? u.resend : u.retry}
      </button>
    </form>
  );
}

export interface WhatsAppShare {
  text: string;
  link: string;
}

export function DeliveriesPage(props: {
  v: NewsroomView;
  articleId: number;
  headline: string;
  posts: DeliveryView[];
  readers: ReaderDeliveries[];
  canResend: boolean;
  share: WhatsAppShare | null;
  num: Num;
  notice?: PageNotice;
}) {
  const { v, num } = props;
  const u = distributionUiMessages(v.lang);
  const dm = distributionMessages(v.lang);
  const back = `/newsroom/articles/${props.articleId}/deliveries`;
  return (
    <NewsroomLayout v={v} title={u.deliveriesOf(props.headline)} scripts={['/assets/distribution.js']}>
      <p>
        <a href={`/newsroom/articles/${props.articleId}/edit`}>← {u.backToStory}</a>
      </p>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      {props.posts.length === 0 && props.readers.length === 0 ? (
        <p>{u.noDeliveries}</p>
      ) : (
        props.posts.length > 0 && (
          <div class="table-scroll">
            <table class="deliveries">
              <thead>
                <tr>
                  <th scope="col">{u.channel}</th>
                  <th scope="col">{u.change}</th>
                  <th scope="col">{u.state}</th>
                  <th scope="col">{u.when}</th>
                </tr>
              </thead>
              <tbody>
                {props.posts.map((d) => (
                  <tr data-delivery={String(d.id)}>
                    <td>
                      {d.channelName}
                      <br />
                      <span class="help">{dm.channelNames[d.channelType as ChannelType] ?? d.channelType}</span>
                    </td>
                    <td>{u.kindNames[d.kind]}</td>
                    <td>
                      <StatusCell v={v} d={d} num={num} />
                      {d.resendable && props.canResend && <ResendButton v={v} d={d} back={back} />}
                    </td>
                    <td>
                      {props.v.time(d.completedAt ?? d.createdAt)}
                      <br />
                      <span class="help">{u.attempts(num(d.attempts))}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {props.readers.length > 0 && (
        <>
          <h2>{u.readerCounts}</h2>
          <ul>
            {props.readers.map((r) => (
              <li>
                {r.channelName} ({u.kindNames[r.kind]}):{' '}
                {(Object.entries(r.counts) as Array<[DeliveryStatus, number]>).map(([status, n]) => `${dm.statuses[status]} ${num(n)}`).join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
      <section aria-labelledby="wa-h" class="wa-share">
        <h2 id="wa-h">{u.shareWhatsApp}</h2>
        {props.share ? (
          <>
            <p class="help">{u.shareWhatsAppHelp}</p>
            <label for="wa-text" class="sr">
              {u.shareWhatsApp}
            </label>
            <textarea id="wa-text" readonly rows={6}>
              {props.share.text}
            </textarea>
            <p class="actions">
              <button type="button" data-copy="wa-text" data-copied={u.copied} hidden>
                {u.copy}
              </button>{' '}
              <a class="button secondary" href={props.share.link} rel="noopener" target="_blank">
                {u.openWhatsApp}
              </a>
            </p>
          </>
        ) : (
          <p>{u.notPublicYet}</p>
        )}
      </section>
    </NewsroomLayout>
  );
}

/** The dashboard's panel: channel deliveries that failed or may not have arrived. */
export function DeliveryProblemsPanel(props: { v: NewsroomView; problems: Array<DeliveryView & { headline: string }>; canResend: boolean; num: Num }) {
  const { v } = props;
  if (props.problems.length === 0) return null;
  const u = distributionUiMessages(v.lang);
  return (
    <section aria-labelledby="delivery-problems-h" class="delivery-problems">
      <h2 id="delivery-problems-h">⚠ {u.problemsTitle}</h2>
      <div class="table-scroll">
        <table>
          <tbody>
            {props.problems.map((d) => (
              <tr>
                <td>
                  <a href={`/newsroom/articles/${d.articleId}/deliveries`}>{d.headline}</a>
                  <br />
                  <span class="help">{d.channelName}</span>
                </td>
                <td>
                  <StatusCell v={v} d={d} num={props.num} />
                  {props.canResend && <ResendButton v={v} d={d} back="/newsroom" />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
