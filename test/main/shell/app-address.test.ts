import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor, isAppAddress } from '../../../main/shell/app-address.ts';
import { tempDir } from '../../helpers/test-core.ts';

function renderer() {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'app.js'), '');
  return dir;
}

describe('the app:// protocol', () => {
  it('serves the built renderer’s files', () => {
    const dir = renderer();
    expect(appFileFor(dir, 'app://nextcall/index.html')).toEqual({ status: 200, file: join(dir, 'index.html') });
    expect(appFileFor(dir, 'app://nextcall/assets/app.js')).toEqual({ status: 200, file: join(dir, 'assets', 'app.js') });
  });

  it('answers 400 to an address with a malformed % escape, instead of throwing in the handler', () => {
    const dir = renderer();
    for (const address of ['app://nextcall/%E0%A4%A', 'app://nextcall/%', 'app://nextcall/assets/%zz.js']) {
      expect(appFileFor(dir, address), address).toMatchObject({ status: 400 });
    }
  });

  it('answers 404 outside the renderer folder, on another host, or for a missing name', () => {
    const dir = renderer();
    for (const address of ['app://nextcall/..%2f..%2fetc%2fpasswd', 'app://evil/index.html', 'app://nextcall/%00index.html', 'file:///etc/passwd']) {
      expect(appFileFor(dir, address), address).toMatchObject({ status: 404 });
    }
  });

  it('knows its own addresses from others that look alike', () => {
    expect(isAppAddress('app://nextcall/index.html')).toBe(true);
    expect(isAppAddress('app://nextcall')).toBe(true);
    for (const other of ['app://nextcall.evil/index.html', 'https://nextcall/', 'app://evil/', 'file:///nextcall', '', undefined, 'not a url']) {
      expect(isAppAddress(other), String(other)).toBe(false);
    }
  });
});
