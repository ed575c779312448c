import { describe, expect, it } from 'vitest';
import { demoLeadsCsv } from '../../../main/demo/demo-list.ts';
import { normalizePhone } from '../../../main/leads/phone-numbers.ts';
import { count, demoFixture, importCsv, testCore } from '../../helpers/test-core.ts';

const FIXTURE_NOW = Date.parse('2026-11-20T12:00:00Z');

describe('the demo list', () => {
  it('is the same for the same seed, and the shipped fixture is what the generator makes', () => {
    expect(demoLeadsCsv({ count: 50, now: FIXTURE_NOW })).toBe(demoLeadsCsv({ count: 50, now: FIXTURE_NOW }));
    expect(demoFixture()).toBe(demoLeadsCsv({ count: 300, now: FIXTURE_NOW }));
  });

  it('only holds numbers reserved for fiction, so no demo call can ring a real person', () => {
    const fictional = [/^\+1\d{3}55501\d{2}$/, /^\+44(207946|113496|114496|116496|117496|118496|121496|131496|141496|151496|161496)\d{4}$/, /^\+33(19900|26191|35301|46571|53649)\d{4}$/];
    const rows = demoFixture().trim().split('\r\n').slice(1);
    const numbers = rows.flatMap((row) => row.split(',').slice(4, 6)).filter(Boolean).map((raw) => normalizePhone(raw.replace(/^'/, ''), 'US').e164);
    const valid = numbers.filter((n): n is string => n !== null);
    expect(valid.length).toBeGreaterThan(290);
    for (const number of valid) expect(fictional.some((pattern) => pattern.test(number)), number).toBe(true);
  });

  it('scales to a benchmark-sized list without two leads sharing a number', async () => {
    const core = testCore();
    const report = await importCsv(core, demoLeadsCsv({ count: 20_000, now: FIXTURE_NOW }));
    expect(report.created).toBe(20_000);
    expect(count(core, 'leads')).toBe(20_000);
  });
});
