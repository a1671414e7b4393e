import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { channelTypes, isChannelType } from '../../distribution/channels/index.js';
import type { ChannelType } from '../../distribution/channels/types.js';
import { ChannelError, type ChannelProblem } from '../../distribution/channelStore.js';
import { resendDelivery } from '../../distribution/commands/resendDelivery.js';
import { saveChannel } from '../../distribution/commands/saveChannel.js';
import { setChannelEnabled } from '../../distribution/commands/setChannelEnabled.js';
import { testChannel } from '../../distribution/commands/testChannel.js';
import { listChannels, type ChannelView } from '../../distribution/queries.js';
import { storyDeliveriesPage } from '../../distribution/storyDeliveriesPage.js';
import { distributionMessages, distributionUiMessages, type TemplateProblem } from '../../i18n/distribution.js';
import { sendPage as html } from '../html.js';
import { errorMessages } from '../../i18n/errors.js';
import { HttpError } from '../plugins/errors.js';
import { requirePermission } from '../plugins/auth.js';
import { idParams } from '../schemas.js';
import { channelFields, configFromForm, rulesFromForm } from './channelForm.js';
import { actor, newsroomView, str, type Form, type NewsroomDeps } from './context.js';
import type { NewsroomView } from './views/NewsroomLayout.js';
import { ChannelFormPage, ChannelsPage, DeliveriesPage, type ChannelFormProps, type PageNotice } from './views/DistributionPages.js';

/** Form fields: short strings or lists of them (checkbox groups); the commands check the rest. */
const formValue = { anyOf: [{ type: 'string', maxLength: 8000 }, { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 8000 } }] } as const;
const channelBody = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 400 }, type: { type: 'string', maxLength: 20 } },
  additionalProperties: formValue,
} as const;
const enabledBody = { type: 'object', required: ['enabled'], properties: { enabled: { type: 'string', enum: ['on', 'off'] } } } as const;
const testBody = { type: 'object', properties: { to: { type: 'string', maxLength: 40 }, subscription: { type: 'string', maxLength: 4000 } } } as const;
const resendBody = { type: 'object', properties: { back: { type: 'string', maxLength: 200, pattern: '^/newsroom(/[a-z0-9/]*)?$' } } } as const;
const newQuery = { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: Object.keys(channelTypes) } } } as const;

/** A channel problem in the person's language, naming the field by its label and a template's problem in words. */
export function problemText(v: NewsroomView, type: ChannelType | null, p: ChannelProblem): string {
  const d = distributionMessages(v.lang);
  if (p.code !== 'invalidConfig') return d.channelProblem(p);
  const spec = type ? channelFields[type].find((f) => p.field === f.path || p.field.startsWith(`${f.path}.`)) : undefined;
  const field = spec ? spec.label(distributionUiMessages(v.lang).fields) : p.field;
  try {
    const t = JSON.parse(p.message) as TemplateProblem;
    if (typeof t === 'object' && t !== null && 'code' in t) return `${field}: ${d.templateProblem(t)}`;
  } catch {
    // Not a template problem: the field is named; the schema's own (English) words are not shown.
  }
  return spec ? distributionUiMessages(v.lang).fieldInvalid(field) : d.channelProblem({ ...p, field });
}

function subscriptionOf(json: string | undefined): unknown {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Channels (admins: distribution.manage): list, add, change, test, turn on and off; and each
 * story's deliveries with resend. Secrets are never sent back: the form shows their masks.
 */
export async function distributionRoutes(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const { db } = deps;
  const view = newsroomView(deps.site);
  const num = (n: number) => deps.site.ctx.formatCount(n);
  const manage = requirePermission('distribution.manage');

  async function channelById(request: FastifyRequest, id: number): Promise<{ channel: ChannelView; page: Awaited<ReturnType<typeof listChannels>> }> {
    const page = await listChannels(db, deps.secretKey);
    const channel = page.channels.find((c) => c.id === id);
    if (!channel) throw new HttpError(404, 'notFound', distributionMessages(view(request).lang).channelProblem({ code: 'channelNotFound' }));
    return { channel, page };
  }

  function formProps(request: FastifyRequest, type: ChannelType, channel: ChannelView | undefined, secretProblem: ChannelFormProps['secretProblem']): ChannelFormProps {
    const handles = channelTypes[type].adapter.handles;
    return {
      v: view(request),
      type,
      ...(channel && { channel }),
      values: channel?.config ?? {},
      name: channel?.name ?? distributionMessages(view(request).lang).channelNames[type],
      rules: channel?.rules ?? { sections: [], breakingOnly: false, firstPublicationOnly: false, delaySeconds: 0, kinds: [...handles] },
      allowPrivate: channel?.allowPrivate ?? false,
      handles,
      sections: deps.site.ctx.sections,
      secretProblem,
      ...(type === 'whatsapp' && channel && { webhookUrl: `${deps.publicUrl}/whatsapp/webhook/${channel.id}` }),
      num,
    };
  }

  const listPage = async (request: FastifyRequest, reply: FastifyReply, notice?: PageNotice, status = 200) => {
    const page = await listChannels(db, deps.secretKey);
    return html(reply, <ChannelsPage v={view(request)} channels={page.channels} secretProblem={page.secretProblem} num={num} {...(notice && { notice })} />, status);
  };

  app.get('/channels', manage, async (request, reply) => listPage(request, reply));

  app.get<{ Querystring: { type: ChannelType } }>('/channels/new', { ...manage, schema: { querystring: newQuery } }, async (request, reply) => {
    const page = await listChannels(db, deps.secretKey);
    return html(reply, <ChannelFormPage {...formProps(request, request.query.type, undefined, page.secretProblem)} />);
  });

  app.get<{ Params: { id: number } }>('/channels/:id', { ...manage, schema: { params: idParams } }, async (request, reply) => {
    const { channel, page } = await channelById(request, request.params.id);
    return html(reply, <ChannelFormPage {...formProps(request, channel.type, channel, page.secretProblem)} />);
  });

  /** Saves a new channel (no id) or an existing one; a refused save shows the form again as entered. */
  async function save(request: FastifyRequest<{ Body: Form }>, reply: FastifyReply, id: number | undefined) {
    const existing = id === undefined ? undefined : await channelById(request, id);
    const rawType = existing?.channel.type ?? str(request.body, 'type') ?? '';
    if (!isChannelType(rawType)) throw new HttpError(400, 'badRequest', distributionMessages(view(request).lang).channelProblem({ code: 'unknownType', type: rawType }));
    const type = rawType;
    const handles = channelTypes[type].adapter.handles;
    const config = configFromForm(type, request.body, existing?.channel.config ?? null);
    const rules = rulesFromForm(request.body, handles);
    const name = str(request.body, 'name') ?? '';
    const allowPrivate = request.body.allowPrivate !== undefined;
    try {
      const saved = await saveChannel({ db }, { actor: actor(request), ...(id !== undefined && { channelId: id }), type, name, config, rules, allowPrivate, secretKey: deps.secretKey });
      // Feeds declare the WebSub hub: this instance's cached feeds follow at once.
      if (type === 'websub') deps.cache.invalidate(['feeds']);
      const { channel, page } = await channelById(request, saved.id);
      return html(reply, <ChannelFormPage {...formProps(request, type, channel, page.secretProblem)} notice={{ kind: 'ok', text: distributionUiMessages(view(request).lang).saved }} />);
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      const page = await listChannels(db, deps.secretKey);
      // Nothing entered is lost: the fields come back as typed (secrets excepted, never echoed).
      const props: ChannelFormProps = {
        ...formProps(request, type, existing?.channel, page.secretProblem),
        values: config,
        name,
        rules: { ...(existing?.channel.rules ?? { sections: [], breakingOnly: false, firstPublicationOnly: false, delaySeconds: 0, kinds: [...handles] }), ...rules },
        allowPrivate,
        notice: { kind: 'error', text: problemText(view(request), type, e.problem) },
      };
      return html(reply, <ChannelFormPage {...props} />, 400);
    }
  }

  app.post<{ Body: Form }>('/channels', { ...manage, schema: { body: channelBody } }, async (request, reply) => save(request, reply, undefined));
  app.post<{ Params: { id: number }; Body: Form }>('/channels/:id', { ...manage, schema: { params: idParams, body: channelBody } }, async (request, reply) =>
    save(request, reply, request.params.id),
  );

  app.post<{ Params: { id: number }; Body: { enabled: 'on' | 'off' } }>(
    '/channels/:id/enabled',
    { ...manage, schema: { params: idParams, body: enabledBody } },
    async (request, reply) => {
      const u = distributionUiMessages(view(request).lang);
      try {
        const { skipped } = await setChannelEnabled({ db }, { actor: actor(request), channelId: request.params.id, enabled: request.body.enabled === 'on' });
        deps.cache.invalidate(['feeds']);
        return listPage(request, reply, { kind: 'ok', text: request.body.enabled === 'on' ? u.enabledNotice : u.disabledNotice(num(skipped), skipped) });
      } catch (e) {
        if (!(e instanceof ChannelError)) throw e;
        return listPage(request, reply, { kind: 'error', text: problemText(view(request), null, e.problem) }, 404);
      }
    },
  );

  app.post<{ Params: { id: number }; Body: { to?: string; subscription?: string } }>('/channels/:id/test', { ...manage, schema: { params: idParams, body: testBody } }, async (request, reply) => {
    const { channel, page } = await channelById(request, request.params.id);
    const props = formProps(request, channel.type, channel, page.secretProblem);
    const to = request.body.to?.replace(/[\s\u00a0()-]/g, '');
    // Web push: the admin's own browser subscription, as the page script read it (JSON); anything else is no target.
    const target = channel.type === 'webpush' ? subscriptionOf(request.body.subscription) : to ? { to } : undefined;
    try {
      const outcome = await testChannel({ db }, { actor: actor(request), channelId: channel.id, secretKey: deps.secretKey, publicUrl: deps.publicUrl, ...(target !== undefined && { target }) });
      return html(reply, <ChannelFormPage {...props} test={outcome} />);
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      return html(reply, <ChannelFormPage {...props} notice={{ kind: 'error', text: problemText(view(request), channel.type, e.problem) }} />, 400);
    }
  });

  async function deliveriesPage(request: FastifyRequest, reply: FastifyReply, articleId: number, notice?: PageNotice, status = 200) {
    const data = await storyDeliveriesPage(db, actor(request), articleId, deps.publicUrl);
    if (!data) throw new HttpError(404, 'notFound', errorMessages(view(request).lang).notFound);
    return html(reply, <DeliveriesPage v={view(request)} {...data} num={num} {...(notice && { notice })} />, status);
  }

  app.get<{ Params: { id: number } }>('/articles/:id/deliveries', { schema: { params: idParams } }, async (request, reply) => deliveriesPage(request, reply, request.params.id));

  app.post<{ Params: { id: number }; Body: { back?: string } }>('/deliveries/:id/resend', { ...manage, schema: { params: idParams, body: resendBody } }, async (request, reply) => {
    const row = await db.selectFrom('deliveries').select('article_id').where('id', '=', request.params.id).executeTakeFirst();
    const v = view(request);
    if (!row) throw new HttpError(404, 'notFound', distributionMessages(v.lang).channelProblem({ code: 'deliveryNotFound' }));
    try {
      await resendDelivery({ db }, { actor: actor(request), deliveryId: request.params.id });
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      return deliveriesPage(request, reply, row.article_id, { kind: 'error', text: problemText(v, null, e.problem) }, 409);
    }
    if (request.body.back === '/newsroom') return reply.redirect('/newsroom', 303);
    return deliveriesPage(request, reply, row.article_id, { kind: 'ok', text: distributionUiMessages(v.lang).resent });
  });
}

