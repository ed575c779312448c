/** The softphone's keys, for the key sheet (call-screen.tsx binds them). */
export const PHONE_KEYS: [string, string][] = [
  ['H', 'Hang up (built-in softphone)'],
  ['M', 'Mute or unmute your microphone'],
  ['P', 'Hold or resume the call'],
  ['K', 'Keypad: then digits send tones (IVRs, extensions); Esc closes it'],
  ['V', 'Voicemail drop: your greeting plays, the call is logged “Left voicemail”, next lead'],
];
