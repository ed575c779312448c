import { useState } from 'react';
import type { LeadEditInput } from '../../../shared/lead-context.ts';
import { PHONE_TYPES, type LeadCard, type PhoneType } from '../../../shared/leads.ts';
import { useApp } from '../store/store-context.tsx';

type PhoneRow = { key: number; id?: number; raw: string; type: PhoneType };

/**
 * Corrects a lead's name, company, title, numbers, zone and email. Main reads the numbers again
 * (E.164) and keeps the change in the lead's history; a refusal is said in words and the form
 * keeps what the rep typed.
 */
export function LeadEditForm({ card, onDone }: { card: LeadCard; onDone(): void }) {
  const save = useApp((s) => s.saveLeadEdit);
  const { lead } = card;
  const [fields, setFields] = useState({
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company ?? '',
    title: lead.title ?? '',
    email: lead.email ?? '',
    timeZone: lead.timeZone ?? '',
  });
  const [phones, setPhones] = useState<PhoneRow[]>(card.phones.map((p, i) => ({ key: i, id: p.id, raw: p.raw, type: p.type })));
  const [saving, setSaving] = useState(false);
  const field = (name: keyof typeof fields, label: string, max: number) => (
    <label>
      {label}
      <input type="text" value={fields[name]} maxLength={max} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} />
    </label>
  );
  const setPhone = (key: number, patch: Partial<PhoneRow>) => setPhones(phones.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  return (
    <form
      className="lead-edit"
      aria-label="Edit lead"
      onSubmit={(event) => {
        event.preventDefault();
        // Only what changed goes to main: the history names each field once.
        const input: LeadEditInput = { leadId: lead.id };
        if (fields.firstName !== lead.firstName) input.firstName = fields.firstName;
        if (fields.lastName !== lead.lastName) input.lastName = fields.lastName;
        for (const key of ['company', 'title', 'email', 'timeZone'] as const) {
          if (fields[key] !== (lead[key] ?? '')) input[key] = fields[key].trim() || null;
        }
        const before = card.phones.map((p) => `${p.id}|${p.raw}|${p.type}`).join();
        const after = phones.map((p) => `${p.id}|${p.raw.trim()}|${p.type}`).join();
        if (before !== after) input.phones = phones.map((p) => ({ ...(p.id ? { id: p.id } : {}), raw: p.raw.trim(), type: p.type }));
        setSaving(true);
        void save(input).then((ok) => {
          setSaving(false);
          if (ok) onDone();
        });
      }}
    >
      <div className="edit-grid">
        {field('firstName', 'First name', 256)}
        {field('lastName', 'Last name', 256)}
        {field('company', 'Company', 256)}
        {field('title', 'Title', 256)}
        {field('email', 'Email', 254)}
        {field('timeZone', 'Time zone (e.g. America/Chicago)', 64)}
      </div>
      <fieldset>
        <legend>Numbers</legend>
        {phones.map((p, i) => (
          <div className="edit-phone" key={p.key}>
            <input type="tel" aria-label={`Number ${i + 1}`} value={p.raw} maxLength={100} onChange={(e) => setPhone(p.key, { raw: e.target.value })} />
            <select aria-label={`Number ${i + 1} type`} value={p.type} onChange={(e) => setPhone(p.key, { type: e.target.value as PhoneType })}>
              {PHONE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <button type="button" className="link" onClick={() => setPhones(phones.filter((x) => x.key !== p.key))} aria-label={`Remove number ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => setPhones([...phones, { key: Math.max(0, ...phones.map((p) => p.key)) + 1, raw: '', type: 'mobile' }])}>
          Add a number
        </button>
      </fieldset>
      <div className="search-head">
        <button type="submit" className="primary" disabled={saving}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
