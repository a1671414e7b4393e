import type { UiLocale } from './messages.js';

/** Why a change to a person was refused (declared here, beside its sentences). */
export type PeopleProblem =
  | { code: 'nameEmpty' }
  | { code: 'tooLong'; field: 'name' | 'title' | 'bio'; max: number }
  | { code: 'badEmail'; email: string }
  | { code: 'emailTaken'; email: string }
  | { code: 'badLink'; link: string }
  | { code: 'tooManyLinks'; max: number }
  | { code: 'notFound' }
  | { code: 'ownAccount' }
  | { code: 'hasAccount' }
  | { code: 'deactivated' }
  | { code: 'badPassword'; min: number; max: number }
  | { code: 'wrongPassword' }
  | { code: 'badToken' }
  | { code: 'badRole'; role: string }
  | { code: 'noSuchEmail'; email: string };

/** How a message that was to be mailed fared. */
export type MailOutcome = 'sent' | 'off' | 'failed';

const gu = {
  problem: (p: PeopleProblem): string => {
    switch (p.code) {
      case 'nameEmpty':
        return 'નામ ખાલી ન હોઈ શકે.';
      case 'tooLong':
        return `${{ name: 'નામ', title: 'હોદ્દો', bio: 'પરિચય' }[p.field]} વધુમાં વધુ ${p.max} અક્ષરનો હોઈ શકે.`;
      case 'badEmail':
        return `"${p.email}" ઈમેલ સરનામું નથી.`;
      case 'emailTaken':
        return `${p.email} ઈમેલ બીજા કોઈના ખાતામાં છે.`;
      case 'badLink':
        return `"${p.link}" વેબ સરનામું નથી: http:// કે https://થી શરૂ થતી લિંક આપો.`;
      case 'tooManyLinks':
        return `વધુમાં વધુ ${p.max} લિંક આપી શકાય.`;
      case 'notFound':
        return 'આ વ્યક્તિ મળી નહીં.';
      case 'ownAccount':
        return 'પોતાનું ખાતું બંધ કરી શકાતું નથી કે પોતાની ભૂમિકા બદલી શકાતી નથી: બીજા વ્યવસ્થાપકને કહો.';
      case 'hasAccount':
        return 'આ વ્યક્તિનું ખાતું છે જ. નવો પાસવર્ડ જોઈએ તો પ્રવેશ પાને "પાસવર્ડ ભૂલી ગયા?" વાપરો.';
      case 'deactivated':
        return 'આ ખાતું બંધ છે: પહેલાં ફરી ચાલુ કરો.';
      case 'badPassword':
        return `પાસવર્ડ ઓછામાં ઓછો ${p.min} અને વધુમાં વધુ ${p.max} અક્ષરનો હોવો જોઈએ.`;
      case 'wrongPassword':
        return 'હાલનો પાસવર્ડ ખોટો છે.';
      case 'badToken':
        return 'આ લિંક હવે ચાલતી નથી: તે વપરાઈ ગઈ છે, તેની મુદત પૂરી થઈ છે કે અધૂરી નકલ થઈ છે. નવી લિંક માગો.';
      case 'badRole':
        return `"${p.role}" કોઈ ભૂમિકા નથી.`;
      case 'noSuchEmail':
        return `${p.email} ઈમેલવાળું કોઈ ખાતું નથી.`;
    }
  },
  heading: 'સાથીઓ અને લેખકો',
  name: 'નામ',
  title: 'હોદ્દો',
  bio: 'પરિચય',
  photo: 'ફોટો',
  photoHelp: 'ચોરસ કાપીને સચવાશે (JPEG, PNG કે WebP).',
  removePhoto: 'ફોટો કાઢી નાખો',
  links: 'અન્ય જગ્યાએ પ્રોફાઇલ (દરેક લીટીમાં એક https:// લિંક)',
  emailPublic: 'ઈમેલ લેખકના પાને બતાવો',
  notifySubmissions: 'કોઈ લેખ સમીક્ષા માટે મોકલે ત્યારે મને ઈમેલ કરો',
  profile: 'પ્રોફાઇલ',
  saveProfile: 'પ્રોફાઇલ સાચવો',
  profileSaved: 'પ્રોફાઇલ સચવાઈ.',
  photoSaved: 'ફોટો ચોરસ કાપીને સચવાયો.',
  photoRemoved: 'ફોટો કાઢી નાખ્યો.',
  status: 'સ્થિતિ',
  lastSignIn: 'છેલ્લો પ્રવેશ',
  never: 'ક્યારેય નહીં',
  active: 'ચાલુ',
  deactivated: 'બંધ',
  bylineOnly: 'ફક્ત બાયલાઇન (ખાતું નથી)',
  invited: 'આમંત્રણ મોકલ્યું, પાસવર્ડ બાકી',
  edit: 'ફેરફાર કરો',
  deactivate: 'ખાતું બંધ કરો',
  reactivate: 'ફરી ચાલુ કરો',
  confirmDeactivate: (name: string) => `${name}નું ખાતું બંધ કરવું છે? તેઓ તરત બહાર થઈ જશે; તેમની બાયલાઇન રહેશે.`,
  deactivatedNotice: (name: string) => `${name}નું ખાતું બંધ થયું; તેઓ હવે પ્રવેશી શકતા નથી.`,
  reactivatedNotice: (name: string) => `${name}નું ખાતું ફરી ચાલુ થયું.`,
  roleChanged: (name: string, role: string) => `${name}ની ભૂમિકા હવે ${role} છે.`,
  changeRole: 'ભૂમિકા બદલો',
  newByline: 'નવી બાયલાઇન વ્યક્તિ',
  newBylineHelp: 'ખાતા વગરના લેખક (જેમ કે બહારના ખબરપત્રી). પછીથી આમંત્રણ આપી શકાય.',
  create: 'ઉમેરો',
  created: (name: string) => `${name} ઉમેરાયા.`,
  invite: 'ખાતા માટે આમંત્રણ',
  inviteHelp: 'ઈમેલથી પાસવર્ડ નક્કી કરવાની લિંક જશે (૭૨ કલાક, એક જ વખત).',
  sendInvite: 'આમંત્રણ મોકલો',
  mailOff: 'ઈમેલ બંધ છે (SMTP_URL ગોઠવાયું નથી).',
  inviteResult: (name: string, outcome: MailOutcome) =>
    outcome === 'sent'
      ? `${name}ને આમંત્રણનો ઈમેલ મોકલ્યો.`
      : outcome === 'off'
        ? `ઈમેલ બંધ છે, એટલે ${name}ને આમંત્રણ મોકલાયું નથી. નીચેની લિંક નકલ કરીને તેમને આપો (૭૨ કલાક, એક જ વખત):`
        : `${name}ને ઈમેલ મોકલી શકાયો નહીં (મેઇલ સર્વર જવાબ આપતું નથી). નીચેની લિંક નકલ કરીને તેમને આપો (૭૨ કલાક, એક જ વખત):`,
  copyLink: 'લિંક',
  backToPeople: 'સાથીઓની યાદીમાં પાછા',
  people: 'લોકો',
  forgot: 'પાસવર્ડ ભૂલી ગયા?',
  forgotTitle: 'પાસવર્ડ ભૂલી ગયા',
  forgotHelp: 'આપના ખાતાનો ઈમેલ લખો: નવો પાસવર્ડ નક્કી કરવાની લિંક મોકલીશું.',
  forgotMailOff: 'આ ન્યૂઝરૂમમાંથી ઈમેલ જતા નથી. નવો પાસવર્ડ જોઈએ તો વ્યવસ્થાપકને કહો: તેઓ સાથીઓના પાને આપને નવી લિંક આપી શકે.',
  sendLink: 'લિંક મોકલો',
  forgotSent: 'આ ઈમેલનું ખાતું હશે તો થોડી વારમાં લિંક પહોંચશે (એક કલાક સુધી ચાલશે). ઈમેલ ન મળે તો સ્પામ જુઓ કે વ્યવસ્થાપકને કહો.',
  mustChange: 'એક વખતનો પાસવર્ડ વપરાઈ ગયો. આગળ વધવા માટે આપનો પોતાનો નવો પાસવર્ડ નક્કી કરો.',
  setPassword: 'પાસવર્ડ નક્કી કરો',
  passwordHelp: 'ઓછામાં ઓછા ૧૦ અક્ષર; ગુજરાતી શબ્દોનું વાક્ય પણ ચાલે.',
  passwordSet: 'પાસવર્ડ નક્કી થયો. હવે પ્રવેશ કરો.',
  resetLinkFor: (name: string, outcome: MailOutcome) =>
    outcome === 'sent'
      ? `${name}ને નવા પાસવર્ડની લિંક ઈમેલથી મોકલી.`
      : `${outcome === 'off' ? 'ઈમેલ બંધ છે.' : 'ઈમેલ મોકલી શકાયો નહીં.'} ${name}ને આ લિંક આપો (એક કલાક, એક જ વખત):`,
  sendResetLink: 'નવા પાસવર્ડની લિંક',
  lockedUntil: (when: string) => `ઘણા ખોટા પ્રયત્નો થયા છે. ${when} પછી ફરી પ્રયત્ન કરો.`,
  reader: { email: 'ઈમેલ', elsewhere: 'અન્ય જગ્યાએ', photoOf: (name: string) => `${name}નો ફોટો` },
};

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : T extends string ? string : T extends object ? { [K in keyof T]: Widen<T[K]> } : T;
export type PeopleMessages = { [K in keyof typeof gu]: Widen<(typeof gu)[K]> };

const en: PeopleMessages = {
  problem: (p) => {
    switch (p.code) {
      case 'nameEmpty':
        return 'The name must not be empty.';
      case 'tooLong':
        return `The ${p.field} can be at most ${p.max} characters long.`;
      case 'badEmail':
        return `"${p.email}" is not an e-mail address.`;
      case 'emailTaken':
        return `Someone else's account already has the e-mail ${p.email}.`;
      case 'badLink':
        return `"${p.link}" is not a web address: give a link starting with http:// or https://.`;
      case 'tooManyLinks':
        return `At most ${p.max} links.`;
      case 'notFound':
        return 'This person was not found.';
      case 'ownAccount':
        return 'You cannot deactivate your own account or change your own role: ask another admin.';
      case 'hasAccount':
        return 'This person already has an account. For a new password, use "Forgot password?" on the login page.';
      case 'deactivated':
        return 'This account is deactivated: reactivate it first.';
      case 'badPassword':
        return `The password must be at least ${p.min} and at most ${p.max} characters long.`;
      case 'wrongPassword':
        return 'The current password is not right.';
      case 'badToken':
        return 'This link no longer works: it was used already, has expired, or was copied incompletely. Ask for a new one.';
      case 'badRole':
        return `"${p.role}" is not a role.`;
      case 'noSuchEmail':
        return `No account has the e-mail ${p.email}.`;
    }
  },
  heading: 'People and bylines',
  name: 'Name',
  title: 'Title',
  bio: 'Bio',
  photo: 'Photo',
  photoHelp: 'Cropped square when saved (JPEG, PNG or WebP).',
  removePhoto: 'Remove the photo',
  links: 'Profiles elsewhere (one https:// link a line)',
  emailPublic: 'Show the e-mail on the author page',
  notifySubmissions: 'E-mail me when a story is submitted for review',
  profile: 'Profile',
  saveProfile: 'Save profile',
  profileSaved: 'Profile saved.',
  photoSaved: 'Photo cropped square and saved.',
  photoRemoved: 'Photo removed.',
  status: 'Status',
  lastSignIn: 'Last sign-in',
  never: 'never',
  active: 'active',
  deactivated: 'deactivated',
  bylineOnly: 'byline only (no account)',
  invited: 'invited, password not set yet',
  edit: 'Edit',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  confirmDeactivate: (name) => `Deactivate ${name}'s account? They are signed out at once; their bylines stay.`,
  deactivatedNotice: (name) => `${name}'s account is deactivated; they can no longer sign in.`,
  reactivatedNotice: (name) => `${name}'s account is active again.`,
  roleChanged: (name, role) => `${name} is now ${role}.`,
  changeRole: 'Change role',
  newByline: 'New byline person',
  newBylineHelp: 'A writer without an account (a stringer, a guest). They can be invited later.',
  create: 'Add',
  created: (name) => `${name} added.`,
  invite: 'Invite to an account',
  inviteHelp: 'An e-mail with a link to choose a password (72 hours, once).',
  sendInvite: 'Send the invitation',
  mailOff: 'Mail is off (SMTP_URL is not set).',
  inviteResult: (name, outcome) =>
    outcome === 'sent'
      ? `Invitation e-mailed to ${name}.`
      : outcome === 'off'
        ? `Mail is off, so no invitation was sent to ${name}. Copy this link and give it to them (72 hours, once):`
        : `The e-mail to ${name} could not be sent (the mail server did not answer). Copy this link and give it to them (72 hours, once):`,
  copyLink: 'Link',
  backToPeople: 'Back to people',
  people: 'People',
  forgot: 'Forgot password?',
  forgotTitle: 'Forgot password',
  forgotHelp: 'Type your account\'s e-mail: we will send a link to choose a new password.',
  forgotMailOff: 'This newsroom sends no e-mail. For a new password, ask an admin: they can give you a new link from the People page.',
  sendLink: 'Send the link',
  forgotSent: 'If an account has this e-mail, a link arrives shortly (it works for one hour). No e-mail? Look in spam or ask an admin.',
  mustChange: 'The one-time password has been used. Choose a password of your own to go on.',
  setPassword: 'Set password',
  passwordHelp: 'At least 10 characters; a sentence of Gujarati words will do.',
  passwordSet: 'Password set. Now log in.',
  resetLinkFor: (name, outcome) =>
    outcome === 'sent'
      ? `A new-password link was e-mailed to ${name}.`
      : `${outcome === 'off' ? 'Mail is off.' : 'The e-mail could not be sent.'} Give ${name} this link (one hour, once):`,
  sendResetLink: 'New-password link',
  lockedUntil: (when) => `Too many wrong attempts. Try again after ${when}.`,
  reader: { email: 'E-mail', elsewhere: 'Elsewhere', photoOf: (name) => `Photo of ${name}` },
};

export function peopleMessages(locale: UiLocale): PeopleMessages {
  return locale === 'en' ? en : gu;
}
