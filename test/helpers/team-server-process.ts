import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';

const TEAM_COMMAND = fileURLToPath(new URL('../../main/team/team-command.ts', import.meta.url));

export interface TeamServerProcess {
  origin: string;
  child: ChildProcess;
  /** Everything it printed, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/** `npm run team`'s entry in a process of its own (with `env` added to this one's); resolves once it prints where it serves. */
export async function startTeamServer(args: string[], env: Record<string, string> = {}): Promise<TeamServerProcess> {
  const child = spawn(process.execPath, [TEAM_COMMAND, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (https?:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the team server exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`the team server did not start: ${output}`)), 60_000);
  });
  return {
    origin,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `npm run team -- …` to its end (an account command, or a refused start). */
export function runTeamCommand(args: string[], stdin = '', env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TEAM_COMMAND, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP(S) request as a browser or a script would send it: a cookie, an Origin, a CA to trust. */
export function teamRequest(origin: string, path: string, options: { method?: string; input?: unknown; cookie?: string; headers?: Record<string, string>; ca?: Buffer } = {}): Promise<Answer> {
  const url = new URL(path, origin);
  const body = options.input === undefined ? undefined : JSON.stringify({ input: options.input });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie. */
export function cookieOf(answer: Answer): string {
  const header = answer.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error(`No cookie was set: ${answer.status} ${answer.body}`);
  return first.split(';')[0]!;
}

/** Reads a server's event stream (/api/events): `received` resolves with the first event named `event`. */
export function eventStream(origin: string, cookie: string, event: string): { connected: Promise<void>; received: Promise<unknown>; close(): void } {
  let outgoing: ReturnType<typeof httpRequest> | null = null;
  let onConnected: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const received = new Promise<unknown>((resolve, reject) => {
    outgoing = httpRequest(new URL('/api/events', origin), { headers: { Cookie: cookie } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`the event stream answered ${response.statusCode}`));
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes(': connected')) onConnected();
        const match = new RegExp(`event: ${event}\\ndata: (.*)\\n`).exec(text);
        if (match) resolve(JSON.parse(match[1]!));
      });
    });
    outgoing.on('error', () => undefined);
    outgoing.end();
  });
  return { connected, received, close: () => outgoing?.destroy() };
}

/** The promise's value, or a rejection naming what did not happen within the time. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);
}

/** Every event a server's stream (/api/events) pushes while open, with when it arrived (Date.now()). */
export function eventsHeard(origin: string, cookie: string): { connected: Promise<void>; heard: { event: string; payload: unknown; at: number }[]; close(): void } {
  const heard: { event: string; payload: unknown; at: number }[] = [];
  let onConnected: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  let text = '';
  const outgoing = httpRequest(new URL('/api/events', origin), { headers: { Cookie: cookie } }, (response) => {
    response.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(': connected')) onConnected();
      for (let match; (match = /event: (\S+)\ndata: (.*)\n\n/.exec(text)); text = text.slice(match.index + match[0].length)) {
        heard.push({ event: match[1]!, payload: JSON.parse(match[2]!), at: Date.now() });
      }
    });
  });
  outgoing.on('error', () => undefined);
  outgoing.end();
  return { connected, heard, close: () => outgoing.destroy() };
}
