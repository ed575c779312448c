import { useEffect, useRef } from 'react';
import { uploadProgressText, uploadReportText } from '../../../../shared/upload-report-text.ts';
import { selectMay } from '../../store/console-state.ts';
import { useApp } from '../../store/store-context.tsx';
import { ONLY_A_TEAM_LEAD } from '../../store/store-upload-slice.ts';

const THIS_STORE = 'this computer’s store';

/**
 * Settings → Team, joined and signed in: this computer's own store (the one Work alone uses) into
 * the team. The dry run comes first and its report is read before anything is written; the
 * upload for real is a second, deliberate press. A rep is told who does it instead of a button
 * the team server would refuse. Main reads the store and sends it (joined-dispatch.ts).
 */
export function StoreUploadPart({ signedIn }: { signedIn: string }) {
  const may = useApp(selectMay('leads.uploadStore'));
  const step = useApp((s) => s.uploadStep);
  const as = useApp((s) => s.uploadAs);
  const accounts = useApp((s) => s.uploadAccounts);
  const report = useApp((s) => s.uploadReport);
  const problem = useApp((s) => s.uploadProblem);
  const progress = useApp((s) => s.uploadProgress);
  const loadUploadAccounts = useApp((s) => s.loadUploadAccounts);
  const chooseUploadAs = useApp((s) => s.chooseUploadAs);
  const tryStoreUpload = useApp((s) => s.tryStoreUpload);
  const confirmStoreUpload = useApp((s) => s.confirmStoreUpload);
  const resetStoreUpload = useApp((s) => s.resetStoreUpload);
  const reportRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (may) void loadUploadAccounts(signedIn);
  }, [may, signedIn, loadUploadAccounts]);
  // The report is what the team lead reads next (a screen reader too); the confirm is one Tab on.
  useEffect(() => {
    if (step === 'tried' || step === 'uploaded') reportRef.current?.focus();
  }, [step]);

  const busy = step === 'trying' || step === 'uploading';
  return (
    <section className="store-upload" aria-labelledby="store-upload-title" aria-busy={busy}>
      <h3 id="store-upload-title">Upload this computer’s store</h3>
      {!may ? (
        <p data-testid="store-upload-lead-only">{ONLY_A_TEAM_LEAD}</p>
      ) : (
        <>
          <p>
            The leads, calls and history in this computer’s own store (the one Work alone uses) go into the team’s, merged as an import merges; the store itself stays
            as it is. A dry run comes first: nothing changes until you upload for real.
          </p>
          <label>
            Calls recorded under{' '}
            <select value={as ?? ''} disabled={busy || step === 'tried'} onChange={(e) => chooseUploadAs(e.target.value)}>
              {(accounts.length ? accounts : [{ name: as ?? signedIn, role: null }]).map(({ name, role }) => (
                <option key={name} value={name}>
                  {role ? `${name} (${role.replace('-', ' ')})` : name}
                </option>
              ))}
            </select>
          </label>
          {step === 'idle' && (
            <button type="button" onClick={() => void tryStoreUpload()}>
              Upload this computer’s store (dry run first)
            </button>
          )}
          {busy && (
            <p role="status" className="store-upload-busy">
              {step === 'trying'
                ? 'Trying the upload on the team server: it reads this store and rolls everything back…'
                : 'Uploading into the team, in one transaction…'}
              {progress && (
                <>
                  {' '}
                  <span data-testid="store-upload-progress">{uploadProgressText(progress)}.</span>{' '}
                  <progress value={progress.leadsDone} max={progress.leadsTotal} aria-label="Leads written" />
                </>
              )}
            </p>
          )}
          {report && step !== 'trying' && (
            <pre className="upload-report" data-testid="upload-report" tabIndex={-1} ref={reportRef}>
              {uploadReportText(report, THIS_STORE)}
            </pre>
          )}
          {step === 'tried' && (
            <div className="wizard-actions">
              <button type="button" onClick={() => void confirmStoreUpload()}>
                Upload for real as {report?.account ?? as}
              </button>
              <button type="button" className="secondary" onClick={resetStoreUpload}>
                Cancel
              </button>
            </div>
          )}
          {step === 'uploaded' && (
            <button type="button" className="secondary" onClick={resetStoreUpload}>
              Done
            </button>
          )}
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
    </section>
  );
}
