// Latin spellings of names common in Gujarati news, with their Gujarati spellings. Pure data.
//
// A name typed in Latin letters sounds like ordinary words too ("modi" ~ મોડી, late; "shah" ~
// છે): the transliteration index cannot tell, since it only knows sounds. For a listed name the
// `all` tier accepts only these spellings; other words that sound alike are `similar`. Add a
// name when readers search for it and a common word sounds the same.

export const NAMES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['modi', ['મોદી']],
  ['narendra', ['નરેન્દ્ર']],
  ['imran', ['ઇમરાન']],
  ['khan', ['ખાન']],
  ['shah', ['શાહ']],
  ['amit', ['અમિત']],
  ['gandhi', ['ગાંધી']],
  ['rahul', ['રાહુલ']],
  ['sonia', ['સોનિયા']],
  ['patel', ['પટેલ']],
  ['kejriwal', ['કેજરીવાલ']],
  ['yogi', ['યોગી']],
  ['bhupendra', ['ભૂપેન્દ્ર']],
  ['nehru', ['નેહરુ']],
  ['sardar', ['સરદાર']],
  ['sharif', ['શરીફ']],
  ['trump', ['ટ્રમ્પ']],
  ['biden', ['બાઇડન', 'બાઈડેન']],
  ['putin', ['પુતિન']],
  ['kohli', ['કોહલી']],
  ['dhoni', ['ધોની']],
  ['sachin', ['સચિન']],
  ['tendulkar', ['તેંડુલકર']],
  ['ambani', ['અંબાણી']],
  ['adani', ['અદાણી']],
  ['tata', ['ટાટા']],
  ['bachchan', ['બચ્ચન']],
  ['salman', ['સલમાન']],
  ['shahrukh', ['શાહરુખ']],
]);
