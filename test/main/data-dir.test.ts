import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../main/data-dir.ts';

describe('the default data folder', () => {
  it('is under XDG_CONFIG_HOME when that is an absolute path', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/srv/ana/config' })).toBe('/srv/ana/config/Nextcall');
  });

  it('treats an empty or relative XDG_CONFIG_HOME as unset, rather than a store in ./Nextcall under the current folder', () => {
    for (const XDG_CONFIG_HOME of ['', 'config', './config', '.']) {
      expect(defaultDataDir('linux', { XDG_CONFIG_HOME }), JSON.stringify(XDG_CONFIG_HOME)).toBe(join(homedir(), '.config', 'Nextcall'));
    }
    expect(defaultDataDir('linux', {})).toBe(join(homedir(), '.config', 'Nextcall'));
  });

  it('treats an empty or relative APPDATA on Windows as unset', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' })).toBe('C:\\Users\\ana\\AppData\\Roaming\\Nextcall');
    for (const APPDATA of ['', 'Roaming', '.']) {
      expect(defaultDataDir('win32', { APPDATA }), JSON.stringify(APPDATA)).toBe(win32.join(homedir(), 'AppData', 'Roaming', 'Nextcall'));
    }
  });
});
