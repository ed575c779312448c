/** The softphone's keys, for the key sheet (call-screen.tsx binds them). */
export const PHONE_KEYS: [string, string][] = [
  ['H', 'Hang up (built-in softphone)'],
  ['M', 'Mute or unmute your microphone'],
  ['P', 'Hold or resume the call; between calls, pause or resume power dialing’s countdown'],
  ['G', 'Power dialing on or off: after each disposition, the next lead is dialled after a countdown (S skips it)'],
  ['K', 'Keypad: then digits send tones (IVRs, extensions); Esc closes it'],
  ['V', 'Voicemail drop: your greeting plays, the call is logged “Left voicemail”, next lead'],
];
