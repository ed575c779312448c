import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.ts';
import { watchSignedOut } from './api/signed-out-watch.ts';
import { App } from './app.tsx';
import { SignInGate } from './components/sign-in/sign-in-gate.tsx';
import { jssipSoftphone } from './phone/jssip-softphone.ts';
import { consoleIdFor, createAppStore, localStorageDrafts } from './store/app-store.ts';
import { StoreProvider } from './store/store-context.tsx';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
// A session that ends mid-shift brings the sign-in screen back (the store is made just below).
const client = watchSignedOut(connect(), () => store.getState().sessionEnded());
const store = createAppStore({ client, drafts: localStorageDrafts(window.localStorage), consoleId: consoleIdFor(window.sessionStorage), softphone: jssipSoftphone() });
root.render(
  <StrictMode>
    <StoreProvider store={store} client={client}>
      <SignInGate>
        <App />
      </SignInGate>
    </StoreProvider>
  </StrictMode>,
);
