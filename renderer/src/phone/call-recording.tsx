import { useEffect, useRef, useState } from 'react';
import type { Recording } from '../../../shared/call-audio.ts';
import { SECOND_MS } from '../../../shared/time-units.ts';
import { base64ToBytes } from '../file-transfer.ts';
import { messageOf } from '../store/error-message.ts';
import { selectMay } from '../store/console-state.ts';
import { useApi, useApp } from '../store/store-context.tsx';

/** A lead's recordings by the call they belong to (a recording whose call is not logged yet waits for it). */
export function useRecordingsOf(leadId: number | undefined): Map<number, Recording> {
  const call = useApi();
  const mayList = useApp(selectMay('recordings.ofLead'));
  const [recordings, setRecordings] = useState<Map<number, Recording>>(new Map());
  useEffect(() => {
    if (leadId === undefined || !mayList) return;
    let current = true;
    call('recordings.ofLead', { leadId }).then(
      (all) => current && setRecordings(new Map(all.flatMap((r) => (r.callId === null ? [] : [[r.callId, r] as const])))),
      () => current && setRecordings(new Map()),
    );
    return () => {
      current = false;
    };
  }, [call, leadId, mayList]);
  return recordings;
}

/** A recording's length as a player shows it: 2:05. */
export const recordingLength = (ms: number) => {
  const seconds = Math.round(ms / SECOND_MS);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * A recorded call, played from the bytes main returns (recordings.audio) as a blob: the page's
 * own object, never a file address, and never kept after the player goes.
 */
export function RecordingPlayer({ recording, label = `Recording ${recordingLength(recording.durationMs)}` }: { recording: Recording; label?: string }) {
  const call = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const player = useRef<HTMLAudioElement>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  // The player takes the place of the button just pressed: the keyboard goes with it (space pauses), not back to the page.
  useEffect(() => void (url && player.current?.focus()), [url]);
  const open = async () => {
    try {
      const audio = await call('recordings.audio', { id: recording.id });
      setUrl(URL.createObjectURL(new Blob([base64ToBytes(audio.data)], { type: audio.type })));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  if (error) return <p className="call-notes" role="alert">{error}</p>;
  return url ? (
    <audio ref={player} className="call-recording" controls autoPlay src={url} aria-label={`Recording of the call, ${recordingLength(recording.durationMs)}`} />
  ) : (
    <button type="button" className="secondary call-recording" onClick={() => void open()}>
      ▶ {label}
    </button>
  );
}
