import { describe, expect, it } from 'vitest';
import { hotkeyOf, type KeyPress } from '../../../renderer/src/use-hotkeys.ts';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, code, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('the key a press means on the key sheet', () => {
  it('a letter is the same with Shift or Caps Lock', () => {
    expect(hotkeyOf(press('d', 'KeyD'))).toBe('d');
    expect(hotkeyOf(press('D', 'KeyD'))).toBe('d');
  });

  it('a digit is its key’s digit with Shift held (US "!"), on a French keyboard without Shift ("&"), and on the keypad', () => {
    expect(hotkeyOf(press('!', 'Digit1'))).toBe('1');
    expect(hotkeyOf(press('&', 'Digit1'))).toBe('1');
    expect(hotkeyOf(press('à', 'Digit0'))).toBe('0');
    expect(hotkeyOf(press('9', 'Numpad9'))).toBe('9');
  });

  it('? and Escape are themselves', () => {
    expect(hotkeyOf(press('?', 'Slash'))).toBe('?');
    expect(hotkeyOf(press('Escape', 'Escape'))).toBe('Escape');
  });

  it('leaves the browser’s and the system’s shortcuts alone', () => {
    expect(hotkeyOf(press('c', 'KeyC', { ctrlKey: true }))).toBeNull();
    expect(hotkeyOf(press('q', 'KeyQ', { metaKey: true }))).toBeNull();
    expect(hotkeyOf(press('1', 'Digit1', { altKey: true }))).toBeNull();
  });
});
