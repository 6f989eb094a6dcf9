// Spawning real Switchboard processes (test/helpers/server-process.ts) for scale-out and crash tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Proc {
  child: ChildProcess;
  port: number | null;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnSwitchboard(mode: 'serve' | 'worker', env: Record<string, string>, timeoutMs = 60000): Promise<Proc> {
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers/server-process.ts'), mode], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const port = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process did not start in time:\n${output.join('')}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output.push(d.toString());
      const m = /LISTENING (\d+)|WORKING/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ? Number(m[1]) : null);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited with ${code}:\n${output.join('')}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    child,
    port,
    output,
    kill: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
