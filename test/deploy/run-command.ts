// Starts Switchboard the way a deployment file says — the image's ENTRYPOINT (the `switchboard`
// npm script's command) with the file's command and environment — as a real process on this
// machine, and waits for the sign a deployment waits for: an exit status (migrate), /readyz
// answering 200 (serve), the "worker started" line (worker).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './context.ts';

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** The port `serve` listens on (from its "Server listening" line). */
  port?: number;
  stop(): Promise<number | null>;
}

/** The image's entry point as a local command: its `node` is the one running the tests (the same major). */
function command(entrypoint: string[], args: string[]): [string, string[]] {
  if (entrypoint[0] !== 'node') throw new Error(`the entry point ${entrypoint.join(' ')} does not start with node`);
  return [process.execPath, [...entrypoint.slice(1).map((a) => (a.startsWith('-') ? a : join(ROOT, a))), ...args]];
}

export function runToExit(entrypoint: string[], args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const [bin, argv] = command(entrypoint, args);
  const child = spawn(bin, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

export async function start(entrypoint: string[], args: string[], env: Record<string, string>): Promise<Started> {
  const [bin, argv] = command(entrypoint, args);
  const child = spawn(bin, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const sign = args[0] === 'worker' ? /"msg":"worker started"/ : /Server listening at http:\/\/[\d.]+:(\d+)/;
  const port = await new Promise<number | undefined>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${output}`)), 120_000);
    const on = (d: Buffer) => {
      output += d.toString();
      const m = sign.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ? Number(m[1]) : undefined);
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before it started:\n${output}`));
    });
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { child, output: () => output, port, stop };
}

/** Asks /readyz until it answers 200 (a new node is not ready while a migration is pending). */
export async function ready(port: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const r = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (r?.status === 200) return;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`/readyz on port ${port} never answered 200`);
}
