import type { UiLocale } from './messages.js';

/** What a message says, before it is laid out as text and HTML (src/mail/compose.ts). */
export interface MailText {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** The button's label; the link is beside it in the text part. */
  action: string;
  /** Why the person got it, and what to do if it was not meant for them. */
  footer: string;
}

export interface InviteParams {
  siteName: string;
  personName: string;
  /** Who sent the invitation. */
  inviterName: string;
}

export interface ResetParams {
  siteName: string;
  personName: string;
}

export interface SubmittedParams {
  siteName: string;
  personName: string;
  writerName: string;
  headline: string;
}

const gu = {
  invite: (p: InviteParams): MailText => ({
    subject: `${p.siteName}ના ન્યૂઝરૂમમાં આપનું સ્વાગત છે`,
    greeting: `નમસ્તે ${p.personName},`,
    paragraphs: [
      `આપને ${p.siteName}ના ન્યૂઝરૂમમાં જોડાવાનું આમંત્રણ મળ્યું છે (મોકલનાર: ${p.inviterName}).`,
      'નીચેની લિંક ખોલીને આપનો પાસવર્ડ નક્કી કરો. લિંક ૭૨ કલાક સુધી અને એક જ વખત ચાલશે.',
    ],
    action: 'પાસવર્ડ નક્કી કરો',
    footer: `આ ઈમેલ ${p.siteName} તરફથી છે. આપે આ આમંત્રણની અપેક્ષા ન રાખી હોય તો આ ઈમેલ અવગણો.`,
  }),
  reset: (p: ResetParams): MailText => ({
    subject: `${p.siteName}: નવો પાસવર્ડ`,
    greeting: `નમસ્તે ${p.personName},`,
    paragraphs: ['કોઈએ આપના ખાતા માટે નવો પાસવર્ડ માગ્યો છે. નીચેની લિંક એક કલાક સુધી અને એક જ વખત ચાલશે.'],
    action: 'નવો પાસવર્ડ નક્કી કરો',
    footer: `આ ઈમેલ ${p.siteName} તરફથી છે. આપે નવો પાસવર્ડ ન માગ્યો હોય તો આ ઈમેલ અવગણો: આપનો પાસવર્ડ બદલાશે નહીં.`,
  }),
  submitted: (p: SubmittedParams): MailText => ({
    subject: `સમીક્ષા માટે: ${p.headline}`,
    greeting: `નમસ્તે ${p.personName},`,
    paragraphs: [`“${p.headline}” સમીક્ષા માટે આવ્યો છે (લેખક: ${p.writerName}).`],
    action: 'લેખ ખોલો',
    footer: `આ ઈમેલ ${p.siteName} તરફથી છે. આવા ઈમેલ ન જોઈતા હોય તો ન્યૂઝરૂમમાં "મારું ખાતું" પાને બંધ કરો.`,
  }),
};

const en: typeof gu = {
  invite: (p) => ({
    subject: `Welcome to the ${p.siteName} newsroom`,
    greeting: `Hello ${p.personName},`,
    paragraphs: [
      `${p.inviterName} has invited you to join the ${p.siteName} newsroom.`,
      'Open the link below to choose your password. It works once, for 72 hours.',
    ],
    action: 'Choose a password',
    footer: `This e-mail was sent by ${p.siteName}. If you did not expect an invitation, ignore it.`,
  }),
  reset: (p) => ({
    subject: `${p.siteName}: new password`,
    greeting: `Hello ${p.personName},`,
    paragraphs: ['Someone asked for a new password for your account. The link below works once, for one hour.'],
    action: 'Choose a new password',
    footer: `This e-mail was sent by ${p.siteName}. If you did not ask for a new password, ignore it: your password stays as it is.`,
  }),
  submitted: (p) => ({
    subject: `For review: ${p.headline}`,
    greeting: `Hello ${p.personName},`,
    paragraphs: [`${p.writerName} has submitted “${p.headline}” for review.`],
    action: 'Open the story',
    footer: `This e-mail was sent by ${p.siteName}. To stop these e-mails, turn them off on your "My account" page in the newsroom.`,
  }),
};

export type MailMessages = typeof gu;

export function mailMessages(locale: UiLocale): MailMessages {
  return locale === 'en' ? en : gu;
}
