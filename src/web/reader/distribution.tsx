import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toAsciiDigits } from '../../gujarati/numerals.js';
import { ChannelError } from '../../distribution/channelStore.js';
import { pushInfo, whatsappOptInChannel, whatsappWebhook, whatsappWebhookChallenge } from '../../distribution/readerChannels.js';
import { addRecipient, removeRecipient } from '../../distribution/recipients.js';
import type { SecretKey } from '../../distribution/secrets.js';
import { distributionReaderMessages, type DistributionReaderMessages } from '../../i18n/distribution.js';
import { assetsDir } from '../../paths.js';
import { renderDocument } from '../html.js';
import type { SiteState } from '../site.js';
import { idParams } from '../schemas.js';
import { sendNotFound, type ErrorPageDeps } from './errorPages.js';
import { Layout } from './views/Layout.js';

export interface ReaderDistributionDeps extends ErrorPageDeps {
  db: Kysely<DB>;
  site: SiteState;
  secretKey: SecretKey | null;
}

const serviceWorker = readFileSync(join(assetsDir, 'sw.js'), 'utf8');

/** A number as readers type it (spaces, dashes, Gujarati digits) in international form; 10 digits alone are taken as Indian. */
export function readerPhone(raw: string): string | null {
  const digits = toAsciiDigits(raw.normalize('NFC')).replace(/[\s\u00a0().-]/g, '');
  const full = /^[6-9]\d{9}$/.test(digits) ? `+91${digits}` : digits.replace(/^00/, '+');
  return /^\+?[1-9]\d{6,14}$/.test(full) ? (full.startsWith('+') ? full : `+${full}`) : null;
}

const topicPattern = '^(breaking|section:[1-9][0-9]{0,9})$';
const subscriptionBody = {
  type: 'object',
  required: ['subscription'],
  properties: {
    subscription: { type: 'object' },
    topics: { type: 'array', maxItems: 50, items: { type: 'string', pattern: topicPattern } },
  },
} as const;
const removeBody = { type: 'object', required: ['endpoint'], properties: { endpoint: { type: 'string', maxLength: 2000 } } } as const;
const optInBody = { type: 'object', properties: { phone: { type: 'string', maxLength: 60 }, consent: { type: 'string', maxLength: 10 } } } as const;
const limited = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The two forms' look, on their own pages only (the site's inlined CSS stays as small as it is). */
const formCss =
  '.reader-form{max-width:38rem}.reader-form fieldset{border:1px solid #ddd;border-radius:6px;padding:.4rem .9rem .7rem}' +
  '.reader-form label.consent{display:flex;gap:.5rem;align-items:baseline;margin:.45rem 0}' +
  '.reader-form input[type=tel]{display:block;width:100%;max-width:20rem;box-sizing:border-box;padding:.45rem;font:inherit;margin:.3rem 0 .6rem}' +
  '.reader-form button{padding:.5rem 1rem;font:inherit;background:var(--brand,#8a1c1c);color:#fff;border:0;border-radius:4px;cursor:pointer}' +
  '.reader-form .form-error{background:#fde2e2;padding:.5rem .8rem;border-radius:4px}.reader-form .form-ok{background:#dff5e3;padding:.5rem .8rem;border-radius:4px}' +
  '.reader-form .help{font-size:.9rem;color:#555}';

function WhatsAppPage(props: { site: SiteState; m: DistributionReaderMessages; phone?: string; error?: string; done?: boolean }) {
  const { site, m } = props;
  return (
    <Layout ctx={site.ctx} meta={{ title: m.whatsappTitle, description: m.whatsappIntro, path: '/whatsapp', robots: 'noindex' }}>
      <style dangerouslySetInnerHTML={{ __html: formCss }} />
      <article class="reader-form">
        <h1>{m.whatsappTitle}</h1>
        <p>{m.whatsappIntro}</p>
        {props.error && (
          <p class="form-error" role="alert">
            {props.error}
          </p>
        )}
        {props.done ? (
          <p role="status" class="form-ok">
            {m.subscribed}
          </p>
        ) : (
          <form method="post" action="/whatsapp">
            <label for="wa-phone">{m.phone}</label>
            <input id="wa-phone" type="tel" name="phone" inputmode="tel" autocomplete="tel" required maxLength={60} value={props.phone ?? ''} />
            <p>
              <label class="consent">
                <input type="checkbox" name="consent" value="yes" required /> {m.consent}
              </label>
            </p>
            <button type="submit">{m.subscribe}</button>
          </form>
        )}
        <p class="help">{m.stopHelp}</p>
      </article>
    </Layout>
  );
}

function NotificationsPage(props: { site: SiteState; m: DistributionReaderMessages; publicKey: string | null }) {
  const { site, m } = props;
  const sections = site.ctx.sections.filter((s) => s.parent_id === null);
  return (
    <Layout ctx={site.ctx} meta={{ title: m.notificationsTitle, description: m.notificationsIntro, path: '/notifications', robots: 'noindex' }}>
      <style dangerouslySetInnerHTML={{ __html: formCss }} />
      <article class="reader-form">
        <h1>{m.notificationsTitle}</h1>
        {props.publicKey === null ? (
          <p>{m.notAvailable}</p>
        ) : (
          <>
            <p>{m.notificationsIntro}</p>
            <form id="push-form" data-key={props.publicKey} data-on={m.on} data-off={m.off} data-denied={m.denied} data-unsupported={m.unsupported} data-failed={m.failed}>
              <fieldset>
                <legend>{m.topics}</legend>
                <label class="consent">
                  <input type="checkbox" name="topics" value="breaking" checked /> {m.topicBreaking}
                </label>
                {sections.map((s) => (
                  <label class="consent">
                    <input type="checkbox" name="topics" value={`section:${s.id}`} /> {s.name}
                  </label>
                ))}
              </fieldset>
              <p>
                <button type="button" id="push-on" hidden>
                  {m.turnOn}
                </button>
                <button type="button" id="push-off" hidden>
                  {m.turnOff}
                </button>
              </p>
              <p id="push-status" role="status" aria-live="polite" />
              <noscript>
                <p>{m.needsScript}</p>
              </noscript>
            </form>
            <script src="/assets/push.js" defer />
          </>
        )}
      </article>
    </Layout>
  );
}

/**
 * Readers' side of distribution: the WhatsApp opt-in and the Cloud API webhook (STOP opts out),
 * browser notifications (the page, the service worker at the root, subscriptions).
 */
export async function readerDistributionRoutes(app: FastifyInstance, deps: ReaderDistributionDeps): Promise<void> {
  const { db, site } = deps;
  const m = () => distributionReaderMessages(site.siteSettings.locale);
  const page = (reply: FastifyReply, node: VNode, status = 200) =>
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(node));

  app.get('/whatsapp', async (request, reply) => {
    if ((await whatsappOptInChannel(db)) === null) return sendNotFound(deps, request, reply);
    return page(reply, <WhatsAppPage site={site} m={m()} />);
  });

  app.post<{ Body: { phone?: string; consent?: string } }>('/whatsapp', { config: limited, schema: { body: optInBody } }, async (request, reply) => {
    const channelId = await whatsappOptInChannel(db);
    if (channelId === null) return sendNotFound(deps, request, reply);
    const raw = request.body.phone ?? '';
    const phone = readerPhone(raw);
    if (request.body.consent !== 'yes') return page(reply, <WhatsAppPage site={site} m={m()} phone={raw} error={m().consentRequired} />, 400);
    if (phone === null) return page(reply, <WhatsAppPage site={site} m={m()} phone={raw} error={m().badPhone} />, 400);
    try {
      await addRecipient({ db }, { channelId, target: { to: phone } });
    } catch (e) {
      if (e instanceof ChannelError) return page(reply, <WhatsAppPage site={site} m={m()} phone={raw} error={m().badPhone} />, 400);
      throw e;
    }
    return page(reply, <WhatsAppPage site={site} m={m()} done />);
  });

  // The Cloud API webhook reads the raw body: the signature is over the bytes as sent.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

    scope.get<{ Params: { id: number } }>('/whatsapp/webhook/:id', { schema: { params: idParams } }, async (request, reply) => {
      const challenge = await whatsappWebhookChallenge(db, deps.secretKey, request.params.id, request.query as Record<string, unknown>);
      if (challenge === null) return reply.code(403).type('text/plain').send('verification failed');
      return reply.type('text/plain').send(challenge);
    });

    scope.post<{ Params: { id: number }; Body: Buffer }>('/whatsapp/webhook/:id', { schema: { params: idParams } }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['x-hub-signature-256'];
      const r = await whatsappWebhook(db, deps.secretKey, request.params.id, body, typeof signature === 'string' ? signature : undefined);
      if (r === null) return reply.code(401).type('text/plain').send('bad signature');
      return reply.send(r);
    });
  });

  app.get('/notifications', async (_request, reply) => {
    const info = await pushInfo(db);
    return page(reply, <NotificationsPage site={site} m={m()} publicKey={info?.publicKey ?? null} />);
  });

  // The story pages' button asks for the key only after a click (pages stay cached and small).
  app.get('/push/key', async (_request, reply) => {
    const info = await pushInfo(db);
    reply.header('cache-control', 'no-cache');
    // No push channel is an ordinary answer here, not an error: the box simply stays hidden.
    return reply.send({ publicKey: info?.publicKey ?? null });
  });

  app.get('/sw.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/').send(serviceWorker),
  );

  app.post<{ Body: { subscription: unknown; topics?: string[] } }>('/push/subscriptions', { config: limited, schema: { body: subscriptionBody } }, async (request, reply) => {
    const info = await pushInfo(db);
    if (info === null) return reply.code(404).send({ error: m().notAvailable });
    try {
      await addRecipient({ db }, { channelId: info.channelId, target: request.body.subscription, topics: request.body.topics ?? [] });
    } catch (e) {
      if (e instanceof ChannelError) return reply.code(400).send({ error: m().failed });
      throw e;
    }
    return reply.code(201).send({ ok: true });
  });

  app.post<{ Body: { endpoint: string } }>('/push/subscriptions/remove', { config: limited, schema: { body: removeBody } }, async (request, reply) => {
    const info = await pushInfo(db);
    if (info !== null) await removeRecipient({ db }, { channelId: info.channelId, address: request.body.endpoint });
    return reply.send({ ok: true });
  });
}
