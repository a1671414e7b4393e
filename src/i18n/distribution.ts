import type { UiLocale } from './messages.js';

/*
 * The codes below are the distribution layer's vocabulary of problems; they are declared here,
 * beside their sentences, so that every code has one (the domain imports them from here).
 */

/** Why an outcome is what it is; the newsroom shows `distributionMessages(locale).reason(...)`. */
export type OutcomeReason =
  /** The service answered 429 or its own "too many" code. */
  | 'rateLimited'
  /** The service answered 5xx or said the error is temporary. */
  | 'serviceUnavailable'
  /** No connection could be made (refused, DNS failure, unreachable); nothing was sent. */
  | 'network'
  /** The request timed out before it was fully written; nothing complete was sent. */
  | 'timeoutBeforeSend'
  /** The request was written but no answer came in time. */
  | 'timeoutAfterSend'
  /** The connection broke after the request was written, before an answer was read. */
  | 'connectionLostAfterSend'
  /** The service said yes but its answer could not be read (so the remote id is not known). */
  | 'unreadableAnswer'
  /** The service refused the request as wrong (400-class with its own message). */
  | 'rejected'
  /** The credentials are wrong or revoked (401). */
  | 'unauthorized'
  /** The account may not do this (403: bot not an administrator, blocked, policy). */
  | 'forbidden'
  /** The post to edit or remove is no longer at the service. */
  | 'remoteMissing'
  /** The recipient no longer exists (push subscription expired or unsubscribed). */
  | 'gone'
  /** The address resolves to a private, loopback or link-local network and that is not allowed. */
  | 'addressRefused'
  /** The service answered with a redirect, which deliveries never follow. */
  | 'redirected'
  /** The text cannot be made to fit the service's limit (the template alone is too long). */
  | 'tooLong'
  /** This channel cannot act on this kind of change. */
  | 'unsupported'
  /** The channel's config or the delivery's target is not usable. */
  | 'invalidConfig'
  /** The worker stopped (crash, kill, power loss) after taking the delivery and before recording an answer. */
  | 'workerStopped'
  /** When its turn came the story was no longer public, so nothing was sent. */
  | 'notPublic'
  /** An update for a story this channel has no post of (never posted, or the post is in doubt): nothing to change. */
  | 'noPost'
  /** The channel was disabled before the delivery went out. */
  | 'channelDisabled'
  /** Khabar itself failed while delivering (a bug); it may have reached the service. */
  | 'internalError';

/** Why a channel could not be saved, tested, or a delivery resent. */
export type ChannelProblem =
  | { code: 'unknownType'; type: string }
  | { code: 'invalidConfig'; field: string; message: string }
  | { code: 'kindNotHandled'; kind: string }
  | { code: 'unknownSection'; id: number }
  | { code: 'badName' }
  | { code: 'badDelay' }
  | { code: 'channelNotFound' }
  | { code: 'deliveryNotFound' }
  | { code: 'notResendable'; status: string }
  | { code: 'needsTarget' }
  | { code: 'noStory' }
  | { code: 'secret'; problem: SecretProblem };

/** A message template that cannot be used, and where. */
export type TemplateProblem =
  | { code: 'unknownPlaceholder'; name: string }
  | { code: 'unclosedTag'; tag: string }
  | { code: 'unexpectedClose'; tag: string };

/** Why a channel secret could not be stored or read. */
export type SecretProblem = 'keyMissing' | 'keyMalformed' | 'undecryptable';


/**
 * Words that go out to readers inside posts (Telegram, X, WhatsApp, push), in the story's
 * language. Templates are Telegram HTML with {headline} {dek} {url} {section} {breaking}.
 */
const postGu = {
  breakingPrefix: '🔴 બ્રેકિંગ: ',
  readButton: 'સમાચાર વાંચો',
  withdrawnNote: 'આ સમાચાર પાછા ખેંચી લેવાયા છે.',
  telegramTemplate: '{breaking}<b>{headline}</b>\n\n{dek}\n\n{url}',
  readMore: 'વધુ વાંચો:',
};

const postEn: typeof postGu = {
  breakingPrefix: '🔴 Breaking: ',
  readButton: 'Read the story',
  withdrawnNote: 'This story has been withdrawn.',
  telegramTemplate: '{breaking}<b>{headline}</b>\n\n{dek}\n\n{url}',
  readMore: 'Read more:',
};

export type DistributionPostTexts = typeof postGu;

export function distributionPostTexts(language: 'gu' | 'en'): DistributionPostTexts {
  return language === 'en' ? postEn : postGu;
}

/** Newsroom strings about deliveries: statuses, reasons, template and secret problems. */
const gu = {
  channelNames: { telegram: 'ટેલિગ્રામ', whatsapp: 'વૉટ્સઍપ', x: 'X (ટ્વિટર)', webpush: 'વેબ પુશ', webhook: 'વેબહૂક', websub: 'WebSub' },
  statuses: { pending: 'બાકી', sending: 'મોકલાય છે', sent: 'મોકલાયું', retry: 'ફરી પ્રયત્ન થશે', failed: 'નિષ્ફળ', unknown: 'ખબર નથી પહોંચ્યું કે નહીં', skipped: 'મોકલવાનું રહ્યું નહીં' },
  checkAndResend: 'ચૅનલમાં જોઈને ખાતરી કરો; ન પહોંચ્યું હોય તો જ ફરી મોકલો.',
  viewPost: 'પોસ્ટ જુઓ',
  unchanged: 'કોઈ ફેરફાર નહોતો, એટલે કંઈ નવું મોકલ્યું નથી.',
  retryIn: (seconds: string) => `${seconds} સેકન્ડ પછી ફરી પ્રયત્ન થશે.`,
  reason: (reason: OutcomeReason): string => {
    switch (reason) {
      case 'rateLimited':
        return 'સેવાએ કહ્યું કે હમણાં ઘણા સંદેશ મોકલાયા છે; થોડી વાર પછી ફરી પ્રયત્ન થશે.';
      case 'serviceUnavailable':
        return 'સેવા અત્યારે ઉપલબ્ધ નથી; ફરી પ્રયત્ન થશે.';
      case 'network':
        return 'સેવા સાથે જોડાણ ન થયું; કંઈ મોકલાયું નથી. ફરી પ્રયત્ન થશે.';
      case 'timeoutBeforeSend':
        return 'સમયમર્યાદામાં વિનંતી પૂરી મોકલી ન શકાઈ; કંઈ પહોંચ્યું નથી. ફરી પ્રયત્ન થશે.';
      case 'timeoutAfterSend':
        return 'વિનંતી મોકલાઈ, પણ સમયસર જવાબ ન આવ્યો. કદાચ પહોંચી હોય.';
      case 'connectionLostAfterSend':
        return 'વિનંતી મોકલાયા પછી જવાબ પહેલાં જોડાણ તૂટ્યું. કદાચ પહોંચી હોય.';
      case 'unreadableAnswer':
        return 'સેવાએ સ્વીકાર્યું, પણ તેનો જવાબ વાંચી ન શકાયો.';
      case 'rejected':
        return 'સેવાએ વિનંતી નકારી.';
      case 'unauthorized':
        return 'ટોકન કે ચાવી ખોટી છે અથવા રદ થઈ છે. ચૅનલ સેટિંગમાં નવી નાખો.';
      case 'forbidden':
        return 'આ ખાતાને આ કામની પરવાનગી નથી (ઉદાહરણ: બોટ ચૅનલનો ઍડમિન નથી).';
      case 'remoteMissing':
        return 'જે પોસ્ટ બદલવાની હતી તે હવે ચૅનલમાં નથી. જરૂર હોય તો ફરી મોકલો.';
      case 'gone':
        return 'આ વાચકનું સબ્સ્ક્રિપ્શન હવે નથી; તે કાઢી નખાશે.';
      case 'addressRefused':
        return 'આ સરનામું ખાનગી કે સ્થાનિક નેટવર્કનું છે, અને તે મંજૂર નથી.';
      case 'redirected':
        return 'સરનામાએ બીજે મોકલ્યું (redirect); ડિલિવરી redirect અનુસરતી નથી. સાચું સરનામું નાખો.';
      case 'tooLong':
        return 'ટેમ્પ્લેટ પોતે જ સેવાની મર્યાદા કરતાં લાંબું છે.';
      case 'unsupported':
        return 'આ ચૅનલ આ પ્રકારનો ફેરફાર કરી શકતી નથી.';
      case 'invalidConfig':
        return 'ચૅનલ સેટિંગ અધૂરાં કે ખોટાં છે.';
      case 'workerStopped':
        return 'મોકલતી વખતે વર્કર બંધ પડ્યો અને જવાબ નોંધાયો નહીં. કદાચ પહોંચ્યું હોય.';
      case 'notPublic':
        return 'વારો આવ્યો ત્યારે સમાચાર સાઇટ પર નહોતા, એટલે કંઈ મોકલ્યું નથી.';
      case 'noPost':
        return 'આ ચૅનલમાં આ સમાચારની પોસ્ટ નથી (કે તે પહોંચી કે નહીં તે ખબર નથી), એટલે બદલવાનું કંઈ નથી.';
      case 'channelDisabled':
        return 'મોકલાય તે પહેલાં ચૅનલ બંધ કરાઈ.';
      case 'internalError':
        return 'ખબરમાં જ ભૂલ થઈ; કદાચ સેવા સુધી પહોંચ્યું હોય.';
    }
  },
  templateProblem: (p: TemplateProblem): string => {
    switch (p.code) {
      case 'unknownPlaceholder':
        return `ટેમ્પ્લેટમાં {${p.name}} ઓળખાતું નથી. વાપરી શકાય: {headline} {dek} {url} {section} {breaking}.`;
      case 'unclosedTag':
        return `<${p.tag}> ખોલ્યો છે પણ </${p.tag}> થી બંધ કર્યો નથી.`;
      case 'unexpectedClose':
        return `</${p.tag}> છે પણ તેની પહેલાં <${p.tag}> નથી.`;
    }
  },
  channelProblem: (p: ChannelProblem): string => {
    switch (p.code) {
      case 'unknownType':
        return `„${p.type}“ પ્રકારની ચૅનલ નથી.`;
      case 'invalidConfig':
        return `ચૅનલ સેટિંગમાં ${p.field}: ${p.message}`;
      case 'kindNotHandled':
        return `આ ચૅનલ „${p.kind}“ પ્રકારનો ફેરફાર મોકલી શકતી નથી.`;
      case 'unknownSection':
        return `વિભાગ ${p.id} અસ્તિત્વમાં નથી.`;
      case 'badName':
        return 'ચૅનલનું નામ ૧થી ૧૦૦ અક્ષરનું હોવું જોઈએ.';
      case 'badDelay':
        return 'વિલંબ ૦થી ૮૬૪૦૦ સેકન્ડ (એક દિવસ) વચ્ચે હોવો જોઈએ.';
      case 'channelNotFound':
        return 'આ ચૅનલ મળી નહીં.';
      case 'deliveryNotFound':
        return 'આ ડિલિવરી મળી નહીં.';
      case 'notResendable':
        return 'ફક્ત નિષ્ફળ કે „ખબર નથી“ સ્થિતિની ડિલિવરી ફરી મોકલી શકાય.';
      case 'needsTarget':
        return 'આ ચૅનલ એક એક વાચકને મોકલે છે: પરીક્ષણ માટે એક વાચક (નંબર કે સબ્સ્ક્રિપ્શન) આપો.';
      case 'noStory':
        return 'પરીક્ષણ સંદેશ માટે સાઇટ પર એક પણ પ્રકાશિત સમાચાર નથી.';
      case 'secret':
        return gu.secretProblem(p.problem);
    }
  },
  secretProblem: (p: SecretProblem): string => {
    switch (p) {
      case 'keyMissing':
        return 'KHABAR_SECRET_KEY ગોઠવાયેલી નથી, એટલે ટોકન અને ચાવીઓ સાચવી શકાતી નથી. 32 બાઇટની ચાવી (base64 કે hex) ગોઠવીને સર્વર ફરી શરૂ કરો.';
      case 'keyMalformed':
        return 'KHABAR_SECRET_KEY 32 બાઇટની નથી: base64 (44 અક્ષર) કે hex (64 અક્ષર) જોઈએ.';
      case 'undecryptable':
        return 'સાચવેલી ચાવી ખોલી શકાતી નથી: તે બીજી KHABAR_SECRET_KEY થી સચવાઈ હતી અથવા બગડી છે. ફરી નાખો.';
    }
  },
};

const en: typeof gu = {
  channelNames: { telegram: 'Telegram', whatsapp: 'WhatsApp', x: 'X (Twitter)', webpush: 'Web push', webhook: 'Webhook', websub: 'WebSub' },
  statuses: { pending: 'Pending', sending: 'Sending', sent: 'Sent', retry: 'Will retry', failed: 'Failed', unknown: 'Unknown whether it arrived', skipped: 'Nothing to send' },
  checkAndResend: 'Check the channel; resend only if it did not arrive.',
  viewPost: 'View post',
  unchanged: 'Nothing had changed, so nothing new was sent.',
  retryIn: (seconds) => `Retrying in ${seconds} seconds.`,
  reason: (reason) => {
    switch (reason) {
      case 'rateLimited':
        return 'The service said too many messages were sent; retrying later.';
      case 'serviceUnavailable':
        return 'The service is unavailable right now; retrying.';
      case 'network':
        return 'Could not connect to the service; nothing was sent. Retrying.';
      case 'timeoutBeforeSend':
        return 'The request could not be sent in time; nothing arrived. Retrying.';
      case 'timeoutAfterSend':
        return 'The request was sent but no answer came in time. It may have arrived.';
      case 'connectionLostAfterSend':
        return 'The connection broke after the request was sent, before the answer. It may have arrived.';
      case 'unreadableAnswer':
        return 'The service accepted it, but its answer could not be read.';
      case 'rejected':
        return 'The service refused the request.';
      case 'unauthorized':
        return 'The token or key is wrong or revoked. Enter a new one in the channel settings.';
      case 'forbidden':
        return 'This account is not allowed to do this (e.g. the bot is not an administrator of the channel).';
      case 'remoteMissing':
        return 'The post to change is no longer in the channel. Resend if needed.';
      case 'gone':
        return 'This reader’s subscription no longer exists; it will be removed.';
      case 'addressRefused':
        return 'The address is on a private or local network, which is not allowed.';
      case 'redirected':
        return 'The address redirected elsewhere; deliveries do not follow redirects. Enter the right address.';
      case 'tooLong':
        return 'The template alone is longer than the service allows.';
      case 'unsupported':
        return 'This channel cannot act on this kind of change.';
      case 'invalidConfig':
        return 'The channel settings are incomplete or wrong.';
      case 'workerStopped':
        return 'The worker stopped while sending and no answer was recorded. It may have arrived.';
      case 'notPublic':
        return 'When its turn came the story was no longer on the site, so nothing was sent.';
      case 'noPost':
        return 'This channel has no post of the story (or it is unknown whether it arrived), so there is nothing to change.';
      case 'channelDisabled':
        return 'The channel was disabled before this went out.';
      case 'internalError':
        return 'Khabar itself failed while sending; it may have reached the service.';
    }
  },
  templateProblem: (p) => {
    switch (p.code) {
      case 'unknownPlaceholder':
        return `The template has {${p.name}}, which is not known. Use {headline} {dek} {url} {section} {breaking}.`;
      case 'unclosedTag':
        return `<${p.tag}> is opened but not closed with </${p.tag}>.`;
      case 'unexpectedClose':
        return `</${p.tag}> has no <${p.tag}> before it.`;
    }
  },
  channelProblem: (p) => {
    switch (p.code) {
      case 'unknownType':
        return `There is no channel type "${p.type}".`;
      case 'invalidConfig':
        return `Channel settings, ${p.field}: ${p.message}`;
      case 'kindNotHandled':
        return `This channel cannot send "${p.kind}" changes.`;
      case 'unknownSection':
        return `Section ${p.id} does not exist.`;
      case 'badName':
        return 'A channel name must be 1 to 100 characters.';
      case 'badDelay':
        return 'The delay must be between 0 and 86400 seconds (one day).';
      case 'channelNotFound':
        return 'This channel was not found.';
      case 'deliveryNotFound':
        return 'This delivery was not found.';
      case 'notResendable':
        return 'Only a failed delivery or one whose arrival is unknown can be resent.';
      case 'needsTarget':
        return 'This channel sends to one reader at a time: give one reader (a number or a subscription) for the test.';
      case 'noStory':
        return 'There is no published story on the site to use for a test message.';
      case 'secret':
        return en.secretProblem(p.problem);
    }
  },
  secretProblem: (p) => {
    switch (p) {
      case 'keyMissing':
        return 'KHABAR_SECRET_KEY is not set, so tokens and keys cannot be stored. Set a 32-byte key (base64 or hex) and restart.';
      case 'keyMalformed':
        return 'KHABAR_SECRET_KEY is not 32 bytes: use base64 (44 characters) or hex (64 characters).';
      case 'undecryptable':
        return 'A stored secret cannot be opened: it was stored with another KHABAR_SECRET_KEY or is damaged. Enter it again.';
    }
  },
};

export type DistributionMessages = typeof gu;

export function distributionMessages(locale: UiLocale): DistributionMessages {
  return locale === 'en' ? en : gu;
}

/** The newsroom's channel and delivery pages, and the readers' WhatsApp and notification pages. */
const uiGu = {
  channels: 'ચૅનલો',
  channelsIntro: 'પ્રકાશિત સમાચાર અહીંની ચાલુ ચૅનલોમાં આપોઆપ જાય છે, દરેકમાં એક જ વાર.',
  noChannels: 'હજી કોઈ ચૅનલ નથી.',
  addChannel: 'ચૅનલ ઉમેરો',
  editChannel: (name: string) => `ચૅનલ: ${name}`,
  newChannel: (type: string) => `નવી ${type} ચૅનલ`,
  type: 'પ્રકાર',
  name: 'નામ',
  state: 'સ્થિતિ',
  enabled: 'ચાલુ',
  disabled: 'બંધ',
  enable: 'ચાલુ કરો',
  disable: 'બંધ કરો',
  edit: 'બદલો',
  save: 'સાચવો',
  saved: 'ચૅનલ સચવાઈ.',
  readers: (n: string, count: number) => (count === 1 ? `${n} વાચક` : `${n} વાચકો`),
  pendingCount: (n: string) => `${n} બાકી`,
  problemCount: (n: string) => `${n} નિષ્ફળ કે અનિશ્ચિત`,
  disabledNotice: (skipped: string, count: number) => (count === 0 ? 'ચૅનલ બંધ કરી.' : `ચૅનલ બંધ કરી; બાકી ${skipped} ${count === 1 ? 'ડિલિવરી રદ થઈ' : 'ડિલિવરીઓ રદ થઈ'}.`),
  enabledNotice: 'ચૅનલ ચાલુ કરી.',
  secretsUnavailable: 'ટોકન અને ચાવીઓ અત્યારે સાચવી શકાતી નથી',
  secretKept: (masked: string) => `સાચવેલી: ${masked}. બદલવી ન હોય તો ખાલી રાખો.`,
  secretNone: 'હજી સાચવેલી નથી.',
  rules: 'નિયમો',
  sections: 'વિભાગો',
  allSections: 'કોઈ પસંદ ન કરો તો બધા વિભાગો.',
  breakingOnly: 'ફક્ત બ્રેકિંગ સમાચાર',
  firstPublicationOnly: 'ફક્ત પહેલી વાર પ્રકાશન (ફરી પ્રકાશિત થાય તો ફરી ન મોકલો)',
  delaySeconds: 'વિલંબ (સેકન્ડ)',
  delayHelp: 'પ્રકાશન પછી આટલી વાર રાહ; ત્યાં સુધીના સુધારા સાથે જાય છે.',
  kinds: 'શું મોકલવું',
  kindNames: { published: 'પ્રકાશન', updated: 'અપડેટ', corrected: 'સુધારો', unpublished: 'પાછું ખેંચવું', breaking: 'બ્રેકિંગ' },
  allowPrivate: 'ખાનગી/સ્થાનિક નેટવર્કનાં સરનામાં મંજૂર (ફક્ત પોતાના સર્વર માટે)',
  placeholders: 'વાપરી શકાય: {headline} શીર્ષક, {dek} સાર, {url} લિંક, {section} વિભાગ, {breaking} બ્રેકિંગ-નિશાની.',
  sendTest: 'પરીક્ષણ સંદેશ મોકલો',
  testTarget: 'પરીક્ષણ કોને (નંબર)',
  testSent: 'સેવાએ સ્વીકાર્યું.',
  testAnswer: 'સેવાનો જવાબ',
  testFailed: 'સેવાએ ના પાડી.',
  testRetry: 'સેવાએ કહ્યું: પછી પ્રયત્ન કરો.',
  testUnknown: 'જવાબ ન મળ્યો; કદાચ પહોંચ્યું હોય.',
  back: 'ચૅનલો પર પાછા',
  fields: {
    botToken: 'બોટ ટોકન (@BotFather પાસેથી)',
    chatId: 'ચૅનલ (@નામ કે આંકડાકીય id)',
    template: 'સંદેશ ટેમ્પ્લેટ',
    readButton: '„સમાચાર વાંચો“ બટન ઉમેરો',
    silentUnlessBreaking: 'બ્રેકિંગ સિવાય અવાજ વગર મોકલો',
    onUnpublish: 'સમાચાર પાછા ખેંચાય ત્યારે',
    onUnpublishDelete: 'પોસ્ટ કાઢી નાખો',
    onUnpublishMark: 'પોસ્ટ પર „પાછા ખેંચ્યા“ લખો',
    apiBase: 'API સરનામું (સામાન્ય રીતે બદલવું નહીં)',
    phoneNumberId: 'ફોન નંબર ID (Cloud API)',
    accessToken: 'ઍક્સેસ ટોકન',
    templateName: 'મંજૂર ટેમ્પ્લેટનું નામ',
    templateLanguage: 'ટેમ્પ્લેટની ભાષા (gu, en_US…)',
    appSecret: 'ઍપ સિક્રેટ (વેબહૂકની સહી તપાસવા)',
    verifyToken: 'વેબહૂક ચકાસણી ટોકન',
    consumerKey: 'API key',
    consumerSecret: 'API key secret',
    xAccessToken: 'Access token',
    accessTokenSecret: 'Access token secret',
    username: 'ખાતાનું નામ (@ વગર)',
    url: 'સરનામું (URL)',
    webhookSecret: 'સહી માટેની ગુપ્ત ચાવી (ઓછામાં ઓછા 16 અક્ષર)',
    hubUrl: 'હબ સરનામું',
    feedUrls: 'ફીડ સરનામાં (એક લીટીમાં એક; {section} વિભાગ માટે)',
    subject: 'સંપર્ક (mailto: કે https:)',
  },
  webhookUrlHelp: (url: string) => `Cloud API વેબહૂક માટે આ સરનામું આપો: ${url}`,
  fieldInvalid: (label: string) => `„${label}“ ખૂટે છે અથવા બરાબર નથી.`,
  // Deliveries of one story.
  deliveries: 'ડિલિવરી',
  deliveriesOf: (headline: string) => `ડિલિવરી: ${headline}`,
  noDeliveries: 'આ સમાચાર હજી કોઈ ચૅનલમાં ગયા નથી.',
  channel: 'ચૅનલ',
  change: 'ફેરફાર',
  when: 'ક્યારે',
  attempts: (n: string) => `પ્રયત્ન: ${n}`,
  resend: 'ફરી મોકલો',
  retry: 'ફરી પ્રયત્ન કરો',
  resent: 'ફરી કતારમાં મૂક્યું; થોડી સેકન્ડમાં જશે.',
  readerCounts: 'એક એક વાચકને જતી ચૅનલો',
  backToStory: 'સમાચાર પર પાછા',
  problemsTitle: 'ન પહોંચેલી ડિલિવરી',
  seeDeliveries: 'ડિલિવરી જુઓ',
  // WhatsApp share helper.
  shareWhatsApp: 'આપણી વૉટ્સઍપ ચૅનલમાં શૅર કરો',
  shareWhatsAppHelp: 'આ સંદેશ નકલ કરીને વૉટ્સઍપ ચૅનલમાં મૂકો, અથવા લિંકથી વૉટ્સઍપ ખોલો.',
  copy: 'નકલ કરો',
  copied: 'નકલ થઈ',
  openWhatsApp: 'વૉટ્સઍપમાં ખોલો',
  notPublicYet: 'સમાચાર પ્રકાશિત થાય પછી શૅર કરી શકાશે.',
};

const uiEn: typeof uiGu = {
  channels: 'Channels',
  channelsIntro: 'Published stories go to the enabled channels here automatically, once each.',
  noChannels: 'No channels yet.',
  addChannel: 'Add a channel',
  editChannel: (name) => `Channel: ${name}`,
  newChannel: (type) => `New ${type} channel`,
  type: 'Type',
  name: 'Name',
  state: 'State',
  enabled: 'On',
  disabled: 'Off',
  enable: 'Turn on',
  disable: 'Turn off',
  edit: 'Edit',
  save: 'Save',
  saved: 'Channel saved.',
  readers: (n, count) => (count === 1 ? `${n} reader` : `${n} readers`),
  pendingCount: (n) => `${n} pending`,
  problemCount: (n) => `${n} failed or unknown`,
  disabledNotice: (skipped, count) => (count === 0 ? 'Channel turned off.' : `Channel turned off; ${skipped} waiting ${count === 1 ? 'delivery was' : 'deliveries were'} dropped.`),
  enabledNotice: 'Channel turned on.',
  secretsUnavailable: 'Tokens and keys cannot be stored right now',
  secretKept: (masked) => `Stored: ${masked}. Leave empty to keep it.`,
  secretNone: 'Not stored yet.',
  rules: 'Rules',
  sections: 'Sections',
  allSections: 'None chosen means every section.',
  breakingOnly: 'Breaking stories only',
  firstPublicationOnly: 'First publication only (not again when republished)',
  delaySeconds: 'Delay (seconds)',
  delayHelp: 'Wait this long after publishing; edits made meanwhile go with it.',
  kinds: 'What to send',
  kindNames: { published: 'Publication', updated: 'Update', corrected: 'Correction', unpublished: 'Withdrawal', breaking: 'Breaking' },
  allowPrivate: 'Allow private/local network addresses (only for your own servers)',
  placeholders: 'You can use: {headline}, {dek} summary, {url} link, {section}, {breaking} marker.',
  sendTest: 'Send test message',
  testTarget: 'Test recipient (number)',
  testSent: 'The service accepted it.',
  testAnswer: 'The service’s answer',
  testFailed: 'The service refused.',
  testRetry: 'The service said: try later.',
  testUnknown: 'No answer came; it may have arrived.',
  back: 'Back to channels',
  fields: {
    botToken: 'Bot token (from @BotFather)',
    chatId: 'Channel (@name or numeric id)',
    template: 'Message template',
    readButton: 'Add a “Read the story” button',
    silentUnlessBreaking: 'Send silently unless breaking',
    onUnpublish: 'When a story is withdrawn',
    onUnpublishDelete: 'Delete the post',
    onUnpublishMark: 'Mark the post as withdrawn',
    apiBase: 'API address (normally left as is)',
    phoneNumberId: 'Phone number ID (Cloud API)',
    accessToken: 'Access token',
    templateName: 'Approved template name',
    templateLanguage: 'Template language (gu, en_US…)',
    appSecret: 'App secret (checks the webhook signature)',
    verifyToken: 'Webhook verify token',
    consumerKey: 'API key',
    consumerSecret: 'API key secret',
    xAccessToken: 'Access token',
    accessTokenSecret: 'Access token secret',
    username: 'Account name (without @)',
    url: 'Address (URL)',
    webhookSecret: 'Signing secret (at least 16 characters)',
    hubUrl: 'Hub address',
    feedUrls: 'Feed addresses (one per line; {section} for the section)',
    subject: 'Contact (mailto: or https:)',
  },
  webhookUrlHelp: (url) => `Give the Cloud API this webhook address: ${url}`,
  fieldInvalid: (label) => `“${label}” is missing or not right.`,
  deliveries: 'Deliveries',
  deliveriesOf: (headline) => `Deliveries: ${headline}`,
  noDeliveries: 'This story has not gone to any channel yet.',
  channel: 'Channel',
  change: 'Change',
  when: 'When',
  attempts: (n) => `Attempts: ${n}`,
  resend: 'Resend',
  retry: 'Retry',
  resent: 'Queued again; it goes out in a few seconds.',
  readerCounts: 'Channels that send to each reader',
  backToStory: 'Back to the story',
  problemsTitle: 'Deliveries that did not arrive',
  seeDeliveries: 'See deliveries',
  shareWhatsApp: 'Share to our WhatsApp channel',
  shareWhatsAppHelp: 'Copy this message into the WhatsApp channel, or open WhatsApp with the link.',
  copy: 'Copy',
  copied: 'Copied',
  openWhatsApp: 'Open in WhatsApp',
  notPublicYet: 'It can be shared once the story is published.',
};

export type DistributionUiMessages = typeof uiGu;

export function distributionUiMessages(locale: UiLocale): DistributionUiMessages {
  return locale === 'en' ? uiEn : uiGu;
}

/** The readers' pages: WhatsApp opt-in and browser notifications. Readers see the site's language. */
const readerGu = {
  whatsappTitle: 'વૉટ્સઍપ પર સમાચાર મેળવો',
  whatsappIntro: 'મોટા અને બ્રેકિંગ સમાચાર સીધા તમારા વૉટ્સઍપ પર.',
  phone: 'મોબાઇલ નંબર (દેશના કોડ સાથે, જેમ કે +91 98765 43210)',
  consent: 'હું સંમતિ આપું છું કે આ સમાચાર સંસ્થા મારા આ વૉટ્સઍપ નંબર પર સમાચારના સંદેશ મોકલે. મારો નંબર ફક્ત આ માટે વપરાશે અને બીજા કોઈને અપાશે નહીં. ગમે ત્યારે STOP કે „બંધ“ લખીને જવાબ આપવાથી સંદેશ બંધ થઈ જશે.',
  consentRequired: 'સંદેશ મેળવવા માટે સંમતિના ખાના પર ટિક કરો.',
  badPhone: 'નંબર બરાબર નથી: દેશના કોડ સાથે 7થી 15 આંકડા લખો (જેમ કે +91 98765 43210).',
  subscribe: 'સંદેશ મેળવો',
  subscribed: 'થઈ ગયું! હવે મોટા સમાચાર તમારા વૉટ્સઍપ પર આવશે. બંધ કરવા STOP લખીને જવાબ આપો.',
  stopHelp: 'બંધ કરવા: અમારા કોઈ પણ સંદેશના જવાબમાં STOP, „બંધ“, „બંધ કરો“ કે „રોકો“ લખો.',
  notificationsTitle: 'સમાચારની સૂચનાઓ',
  notificationsIntro: 'આ બ્રાઉઝરમાં નવા સમાચારની સૂચના મેળવો. બટન દબાવ્યા પછી જ બ્રાઉઝર પરવાનગી માગશે.',
  topics: 'કયા સમાચાર?',
  topicBreaking: 'બ્રેકિંગ સમાચાર',
  turnOn: 'સૂચનાઓ ચાલુ કરો',
  turnOff: 'સૂચનાઓ બંધ કરો',
  on: 'સૂચનાઓ ચાલુ છે.',
  off: 'સૂચનાઓ બંધ છે.',
  denied: 'બ્રાઉઝરે પરવાનગી ન આપી. બ્રાઉઝરનાં સેટિંગમાંથી આ સાઇટ માટે સૂચનાઓ મંજૂર કરો.',
  unsupported: 'આ બ્રાઉઝર સૂચનાઓ આપી શકતું નથી.',
  needsScript: 'સૂચનાઓ માટે JavaScript ચાલુ હોવી જોઈએ. બાકીની સાઇટ તેના વિના પણ ચાલે છે.',
  failed: 'સૂચનાઓ ચાલુ ન થઈ; થોડી વાર પછી ફરી પ્રયત્ન કરો.',
  notAvailable: 'આ સાઇટ પર હજી સૂચનાઓ ઉપલબ્ધ નથી.',
  getNotifications: 'સમાચારની સૂચનાઓ',
};

const readerEn: typeof readerGu = {
  whatsappTitle: 'Get the news on WhatsApp',
  whatsappIntro: 'Big and breaking stories straight to your WhatsApp.',
  phone: 'Mobile number (with the country code, e.g. +91 98765 43210)',
  consent: 'I agree that this news organisation may send news messages to this WhatsApp number. My number is used only for this and is not given to anyone else. Replying STOP at any time ends the messages.',
  consentRequired: 'Tick the consent box to receive messages.',
  badPhone: 'The number is not right: write 7 to 15 digits with the country code (e.g. +91 98765 43210).',
  subscribe: 'Get messages',
  subscribed: 'Done! Big stories will now come to your WhatsApp. Reply STOP to end them.',
  stopHelp: 'To stop: reply STOP to any of our messages.',
  notificationsTitle: 'News notifications',
  notificationsIntro: 'Get a notification of new stories in this browser. The browser asks for permission only after you press the button.',
  topics: 'Which stories?',
  topicBreaking: 'Breaking news',
  turnOn: 'Turn on notifications',
  turnOff: 'Turn off notifications',
  on: 'Notifications are on.',
  off: 'Notifications are off.',
  denied: 'The browser did not give permission. Allow notifications for this site in the browser’s settings.',
  unsupported: 'This browser cannot show notifications.',
  needsScript: 'Notifications need JavaScript. The rest of the site works without it.',
  failed: 'Notifications could not be turned on; try again in a while.',
  notAvailable: 'Notifications are not available on this site yet.',
  getNotifications: 'News notifications',
};

export type DistributionReaderMessages = typeof readerGu;

export function distributionReaderMessages(lang: string): DistributionReaderMessages {
  return lang.startsWith('en') ? readerEn : readerGu;
}
