import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ApiClient } from '../api/client.ts';
import type { AppState, AppStore } from './app-store.ts';

const StoreContext = createContext<{ store: AppStore; client: ApiClient } | null>(null);

/** The store, and the same typed client it was given, for the screens below. */
export function StoreProvider({ store, client, children }: { store: AppStore; client: ApiClient; children: ReactNode }) {
  return <StoreContext.Provider value={{ store, client }}>{children}</StoreContext.Provider>;
}

function useContextOrThrow() {
  const context = useContext(StoreContext);
  if (!context) throw new Error('useApp and useApi need a StoreProvider above them.');
  return context;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useContextOrThrow().store, selector);
}

/**
 * Main's methods, typed from the contract, for a screen whose answers are its own business (a
 * settings form, a report it draws): nothing in the store mirrors them. State the console shares
 * goes through a slice's action instead.
 */
export function useApi(): ApiClient['call'] {
  return useContextOrThrow().client.call;
}
