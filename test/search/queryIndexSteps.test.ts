// The query index built in small steps (what the search service does, yielding between slices)
// is the same index as the one built at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQueryIndex, queryIndexSteps, vocabularyOf } from '../../src/search/analyzer.js';

test('the query index built in steps pauses along the way and is the index built at once', () => {
  const text = 'પાકિસ્તાનમાં પાકિસ્તાન અમદાવાદમાં અમદાવાદ ક્ષત્રિય જ્ઞાન શ્રદ્ધા નરેન્દ્ર ફ઼િલ્મ ચાઁદ ક્\u200Dષ વડાપ્રધાનને ગુજરાતની નર્મદા ૧૨૩ COVID-19 '.repeat(2) +
    Array.from({ length: 60 }, (_, i) => `શબ્દ${'કખગઘચછજઝટઠ'[i % 10]}${'ાિીુૂેૈોૌ'[i % 9]}`).join(' ');
  const vocabulary = vocabularyOf(text);
  assert.ok(vocabulary.size > 50, `${vocabulary.size} words`);
  const steps = queryIndexSteps(vocabulary);
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  assert.ok(pauses >= 2, `${pauses} pauses`);
  const gradual = step.value;
  const once = buildQueryIndex(vocabulary);
  assert.equal(gradual.size, once.size);
  for (const latin of ['pakistan', 'amdavad', 'narendra', 'kshatriya', 'gujarat', 'narmada', 'film']) {
    assert.deepEqual(gradual.lookup(latin), once.lookup(latin), latin);
  }
  assert.ok(gradual.lookup('pakistan').some((c) => c.word === 'પાકિસ્તાન'));
  assert.ok(gradual.frequency('અમદાવાદ') > 0);
});
