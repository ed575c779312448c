import { describe, expect, it } from 'vitest';
import { bindingFor, hotkeyOf, type KeyPress } from '../../../renderer/src/use-hotkeys.ts';

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

describe('the binding a press calls', () => {
  const keypad = { '3': 'tone 3', '#': 'tone #', '8': 'tone 8', '*': 'tone *' };
  it('on the keypad, Shift+3 and Shift+8 on a US keyboard send # and *, not 3 and 8', () => {
    expect(bindingFor(keypad, press('#', 'Digit3'))).toBe('tone #');
    expect(bindingFor(keypad, press('*', 'Digit8'))).toBe('tone *');
    expect(bindingFor(keypad, press('3', 'Digit3'))).toBe('tone 3');
    expect(bindingFor(keypad, press('*', 'NumpadMultiply'))).toBe('tone *');
  });

  it('elsewhere the digit row still reads by position: Shift+3 logs the disposition on 3', () => {
    const dispositions = { '3': 'Busy', d: 'Disqualified' };
    expect(bindingFor(dispositions, press('#', 'Digit3'))).toBe('Busy');
    expect(bindingFor(dispositions, press('"', 'Digit3'))).toBe('Busy');
    expect(bindingFor(dispositions, press('D', 'KeyD'))).toBe('Disqualified');
    expect(bindingFor(dispositions, press('#', 'Digit3', { ctrlKey: true }))).toBeUndefined();
    expect(bindingFor(dispositions, press('toString', 'KeyT'))).toBeUndefined();
  });
});
