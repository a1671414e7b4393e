// Words of the share-card work: the story page's notifications button, the channels page's push test.

const gu = {
  /** The story page's box: what the button does and where to choose topics. */
  storyPushTitle: 'આવા સમાચારની સૂચના મેળવો',
  storyPushIntro: (section: string) => `બ્રેકિંગ સમાચાર અને „${section}“ના નવા સમાચાર આ બ્રાઉઝરમાં. બટન દબાવ્યા પછી જ બ્રાઉઝર પરવાનગી માગશે.`,
  storyPushMore: 'બીજા વિભાગો પસંદ કરો',
  /** The channels page: a push test goes to this browser's own subscription. */
  pushTestHelp: 'પરીક્ષણ સૂચના ફક્ત આ બ્રાઉઝરને જશે. પહેલાં આ બ્રાઉઝરમાં સૂચનાઓ ચાલુ કરો:',
  pushTestReady: 'આ બ્રાઉઝરમાં સૂચનાઓ ચાલુ છે: પરીક્ષણ અહીં આવશે.',
  pushTestNotSubscribed: 'આ બ્રાઉઝરમાં સૂચનાઓ ચાલુ નથી.',
};

const en: typeof gu = {
  storyPushTitle: 'Get notified of stories like this',
  storyPushIntro: (section) => `Breaking news and new stories in “${section}”, in this browser. The browser asks for permission only after you press the button.`,
  storyPushMore: 'Choose other sections',
  pushTestHelp: 'The test notification goes to this browser only. First turn on notifications in this browser:',
  pushTestReady: 'Notifications are on in this browser: the test will arrive here.',
  pushTestNotSubscribed: 'Notifications are not on in this browser.',
};

export type ShareCardsMessages = typeof gu;

export function shareCardsMessages(lang: string): ShareCardsMessages {
  return lang.startsWith('en') ? en : gu;
}
