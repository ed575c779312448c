import type { StateCreator } from 'zustand/vanilla';
import { ApiError } from '../../../shared/api-error.ts';
import type { AccountView, LeadEdit, LeadEditInput, LeadSearchResult, ReasonList, WorkingLists } from '../../../shared/lead-context.ts';
import type { LeadCard, WhyNot } from '../../../shared/leads.ts';
import type { AppState, StoreDeps } from './app-store.ts';

/** A lead opened from the search: its card, what reps changed by hand, and (when asked) why the queue holds it. */
export interface OpenedLead {
  card: LeadCard;
  edits: LeadEdit[];
  account: AccountView;
  whyNot: WhyNot | null;
}

/**
 * The context around the lead on screen: finding any lead, correcting it, its account, the call
 * list being worked, and the team lead's reasons. Main is the truth; this mirrors its answers.
 */
export interface LeadContextSlice {
  search: LeadSearchResult | null;
  searching: boolean;
  /** The lead opened from the search, if any. */
  opened: OpenedLead | null;
  /** The account of the lead on the call screen (loaded when the lead changes). */
  account: { leadId: number; view: AccountView } | null;
  workingLists: WorkingLists | null;
  reasonLists: ReasonList[];
  openSearch(): void;
  closeSearch(): void;
  searchLeads(query: string): Promise<void>;
  openLead(leadId: number): Promise<void>;
  closeLead(): void;
  /** Saves a correction; true when main took it (the form stays open with what was typed otherwise). */
  saveLeadEdit(input: LeadEditInput): Promise<boolean>;
  explainWhyNot(leadId: number): Promise<void>;
  loadAccount(leadId: number): Promise<void>;
  loadWorkingLists(): Promise<void>;
  /** Works this list from now on (null: every lead) and shows its next lead. */
  workList(name: string | null): Promise<void>;
  loadReasonLists(): Promise<void>;
  saveReasonList(code: string, reasons: string[]): Promise<boolean>;
}

export const createLeadContextSlice =
  ({ client, consoleId }: StoreDeps): StateCreator<AppState, [], [], LeadContextSlice> =>
  (set, get) => {
    // The newest search wins: a slow answer to "ad" never replaces the answer to "ada".
    let searchSeq = 0;
    const details = async (leadId: number): Promise<OpenedLead> => {
      const [card, edits, account] = await Promise.all([
        client.call('leads.get', { leadId }),
        client.call('leads.edits', { leadId }),
        client.call('leads.account', { leadId }),
      ]);
      return { card, edits, account, whyNot: null };
    };
    return {
      search: null,
      searching: false,
      opened: null,
      account: null,
      workingLists: null,
      reasonLists: [],
      openSearch() {
        if (get().panel === null) get().openPanel('search');
      },
      closeSearch() {
        set({ search: null, opened: null });
        if (get().panel === 'search') get().closePanel();
      },
      async searchLeads(query) {
        const seq = ++searchSeq;
        if (!query.trim()) {
          set({ search: null, searching: false });
          return;
        }
        set({ searching: true });
        try {
          const result = await client.call('leads.search', { query, limit: 20 });
          if (seq === searchSeq) set({ search: result });
        } catch (error) {
          // Only the newest search speaks: an old one's failure is no news to the rep.
          if (seq === searchSeq) get().showError(error);
        } finally {
          if (seq === searchSeq) set({ searching: false });
        }
      },
      async openLead(leadId) {
        await get().withErrorNotice(async () => set({ opened: await details(leadId) }));
      },
      closeLead: () => set({ opened: null }),
      async saveLeadEdit(input) {
        const saved = await get().withErrorNotice(async () => {
          const card = await client.call('leads.edit', input);
          const opened = get().opened;
          if (opened?.card.lead.id === card.lead.id) set({ opened: { ...(await details(card.lead.id)), whyNot: null } });
          // The lead on screen shows the correction at once (the queue's refresh follows).
          const snapshot = get().snapshot;
          if (snapshot?.next?.card.lead.id === card.lead.id) {
            const offered = card.phones.some((p) => p.e164 === snapshot.next!.number && !p.bad) ? snapshot.next.number : (card.phones.find((p) => p.e164 && !p.bad)?.e164 ?? '');
            set({ snapshot: { ...snapshot, next: { ...snapshot.next, card, number: offered } } });
            void get().loadAccount(card.lead.id);
          }
          get().showNotice({ kind: 'info', text: `Saved: ${`${card.lead.firstName} ${card.lead.lastName}`.trim()}.` });
          return true;
        });
        return saved ?? false;
      },
      async explainWhyNot(leadId) {
        const whyNot = await get().withErrorNotice(() => client.call('queue.whyNot', { leadId }));
        const opened = get().opened;
        if (whyNot && opened?.card.lead.id === leadId) set({ opened: { ...opened, whyNot } });
      },
      async loadAccount(leadId) {
        const view = await get().withErrorNotice(async () => {
          try {
            return await client.call('leads.account', { leadId });
          } catch (error) {
            // The lead left this rep's reach (its list moved to others, paused) or was deleted while
            // on screen: the queue says so in its own notice, which this panel must not cover.
            if (error instanceof ApiError && (error.code === 'forbidden' || error.code === 'not-found')) return null;
            throw error;
          }
        });
        if (view) set({ account: { leadId, view } });
        else if (view === null && get().account?.leadId === leadId) set({ account: null });
      },
      async loadWorkingLists() {
        await get().withErrorNotice(async () => set({ workingLists: await client.call('lists.working', {}) }));
      },
      async workList(name) {
        await get().withErrorNotice(async () => {
          set({ workingLists: await client.call('lists.work', { listName: name }) });
          // The lead on screen belongs to the old list: let it go, and show the new list's first.
          await client.call('queue.release', { consoleId });
          await get().loadQueue();
          get().showNotice({ kind: 'info', text: name === null ? 'Working every lead.' : `Working the list "${name}".` });
        });
      },
      async loadReasonLists() {
        await get().withErrorNotice(async () => set({ reasonLists: await client.call('reasons.list', {}) }));
      },
      async saveReasonList(code, reasons) {
        const reasonLists = await get().withErrorNotice(() => client.call('reasons.save', { code, reasons }));
        if (reasonLists) set({ reasonLists });
        return reasonLists !== undefined;
      },
    };
  };
