import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../main/scripts/parse-script.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { evaluateCriteria, openerOf, renderText, walkScript, type ScriptContext } from '../../../shared/scripts/script-engine.ts';
import type { Script } from '../../../shared/scripts/script-schema.ts';

const ctx: ScriptContext = {
  lead: { firstName: 'Maya', lastName: 'Okonkwo', company: null, title: null, stage: 'MQL', source: 'inbound', score: 72, requestedCall: false },
  activities: [],
  now: Date.parse('2026-11-23T15:00:00Z'),
};

/** Names a team lead may well write, which are also the names of Object's own methods. */
const SCRIPT = `
id: object-words
name: Words Object also knows
openers:
  - say: "Hi {{constructor}}{{toString|there}}, {{lead.firstName}}"
steps:
  - id: constructor
    ask: Who builds it?
    type: one-of
    options: [constructor, toString, valueOf, hasOwnProperty]
    branches:
      valueOf: wrap-up
  - id: pick
    ask: Which one?
    type: one-of
    options: [toString, other]
  - id: wrap-up
    say: Thanks
criteria:
  - id: builder
    label: Knows who builds it
    when: { answer: constructor, answered: true }
`;

function load(): Script {
  const parsed = parseScript(SCRIPT, DEFAULT_DISPOSITIONS.map((d) => d.code));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.script;
}

describe('words that are also names of Object’s methods', () => {
  it('are merge fields like any unknown one: empty, or the fallback', () => {
    expect(renderText('[{{constructor}}] [{{toString|friend}}] [{{__proto__}}]', ctx)).toBe('[] [friend] []');
    expect(openerOf(load(), ctx)).toBe('Hi there, Maya');
  });

  it('are question ids and options like any other: the script asks, waits and goes on', () => {
    const script = load();
    // Nothing answered yet: the question named "constructor" is the one to ask, and it is not met.
    expect(walkScript(script, {}).current?.id).toBe('constructor');
    expect(evaluateCriteria(script, {}, ctx)).toEqual([{ id: 'builder', label: 'Knows who builds it', met: false }]);
    // An option called toString leads on to the next step, as it has no branch of its own.
    expect(walkScript(script, { constructor: 'toString' }).current?.id).toBe('pick');
    expect(walkScript(script, { constructor: 'hasOwnProperty', pick: 'toString' }).path.map((s) => s.id)).toEqual(['constructor', 'pick', 'wrap-up']);
    expect(walkScript(script, { constructor: 'valueOf' }).path.map((s) => s.id)).toEqual(['constructor', 'wrap-up']);
    expect(evaluateCriteria(script, { constructor: 'constructor' }, ctx)[0]?.met).toBe(true);
  });
});
