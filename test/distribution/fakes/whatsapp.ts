// A local WhatsApp Cloud API for POST /{version}/{phone-number-id}/messages with template
// messages, answering with the Graph API's success body and error objects
// ({error: {message, type, code, error_data: {messaging_product, details}, fbtrace_id}}).
import { FakeServer, type Answer, type Recorded } from './server.js';

export interface FakeTemplate {
  name: string;
  language: string;
  headerImage: boolean;
  bodyParams: number;
  urlButton: boolean;
}

const graphError = (status: number, code: number, message: string, details?: string, type = 'OAuthException'): Answer => ({
  status,
  body: { error: { message, type, code, ...(details !== undefined && { error_data: { messaging_product: 'whatsapp', details } }), fbtrace_id: 'AbCdEfGhIjK' } },
});

export class FakeWhatsApp {
  readonly server: FakeServer;
  readonly templates: FakeTemplate[] = [];
  readonly delivered: Array<{ to: string; template: string; params: string[]; header: string | null; button: string | null; at: number }> = [];
  /** Numbers that are not on WhatsApp. */
  readonly unreachable = new Set<string>();
  /** Answer the next N sends with throughput error 130429 (HTTP 400, as Meta documents). */
  throttle = 0;
  private nextId = 1;

  constructor(readonly phoneNumberId: string, readonly token: string) {
    this.server = new FakeServer((req) => this.answer(req));
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  private answer(req: Recorded): Answer {
    if (req.headers.authorization !== `Bearer ${this.token}`) return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    const m = /^\/v\d+\.\d+\/([^/]+)\/messages$/.exec(req.url.pathname);
    if (!m || req.method !== 'POST') return graphError(400, 100, 'Unsupported request - method type: get', undefined, 'GraphMethodException');
    if (m[1] !== this.phoneNumberId) {
      return graphError(400, 100, `Unsupported post request. Object with ID '${m[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, undefined, 'GraphMethodException');
    }
    if (this.throttle > 0) {
      this.throttle -= 1;
      return graphError(400, 130429, '(#130429) Rate limit hit', 'Cloud API message throughput has been reached.');
    }
    const body = JSON.parse(req.body.toString('utf8')) as {
      messaging_product?: string;
      to?: string;
      type?: string;
      template?: { name: string; language: { code: string }; components?: Array<{ type: string; sub_type?: string; parameters: Array<{ type: string; text?: string; image?: { link: string } }> }> };
    };
    if (body.messaging_product !== 'whatsapp') return graphError(400, 100, '(#100) The parameter messaging_product is required.');
    if (body.type !== 'template' || !body.template) return graphError(400, 131047, '(#131047) Re-engagement message', 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.');
    const to = body.to ?? '';
    if (!/^\d{7,15}$/.test(to)) return graphError(400, 100, '(#100) Invalid parameter', 'Parameter to is not a valid phone number');
    const t = this.templates.find((x) => x.name === body.template!.name);
    if (!t || t.language !== body.template.language.code) {
      return graphError(404, 132001, '(#132001) Template name does not exist in the translation', `template name (${body.template.name}) does not exist in ${body.template.language.code}`);
    }
    const components = body.template.components ?? [];
    const bodyParams = components.find((c) => c.type === 'body')?.parameters ?? [];
    if (bodyParams.length !== t.bodyParams) {
      return graphError(400, 132000, '(#132000) Number of parameters does not match the expected number of params', `body: number of localizable_params (${bodyParams.length}) does not match the expected number of params (${t.bodyParams})`);
    }
    for (const p of bodyParams) {
      if (p.type !== 'text' || !p.text) return graphError(400, 131008, '(#131008) Required parameter is missing', 'body parameter text is empty');
      if (/[\n\t]| {5,}/.test(p.text)) return graphError(400, 132018, '(#132018) There was an issue with the parameters in your template.', 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
    }
    const header = components.find((c) => c.type === 'header')?.parameters[0]?.image?.link ?? null;
    if (t.headerImage && !header) return graphError(400, 132012, '(#132012) Parameter format does not match format in the created template', 'header: Format mismatch, expected IMAGE, received UNKNOWN');
    const button = components.find((c) => c.type === 'button' && c.sub_type === 'url')?.parameters[0]?.text ?? null;
    if (t.urlButton && !button) return graphError(400, 131008, '(#131008) Required parameter is missing', 'buttons: url parameter is missing');
    if (this.unreachable.has(to)) return graphError(400, 131026, '(#131026) Message Undeliverable', 'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.');
    const id = `wamid.HBgM${String(this.nextId++).padStart(12, '0')}`;
    this.delivered.push({ to, template: t.name, params: bodyParams.map((p) => p.text!), header, button, at: Date.now() });
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id, message_status: 'accepted' }] } };
  }
}
