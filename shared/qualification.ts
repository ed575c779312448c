import type { Answers, Script } from './scripts/script-schema.ts';

/** A lead handed to sales: who, when, the answers and why it qualified. */
export interface Handoff {
  id: number;
  leadId: number;
  leadName: string;
  company: string | null;
  crmId: string | null;
  callId: number;
  rep: string | null;
  at: string;
  answers: Answers;
  notes: string;
  why: { summary: string; criteriaMet: string[] };
}

export interface ScriptVersion {
  id: string;
  version: number;
  name: string;
  active: boolean;
  importedAt: string;
}

export interface ActiveScriptView {
  id: string;
  version: number;
  script: Script;
}
