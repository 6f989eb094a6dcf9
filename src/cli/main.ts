// The command line, imported by src/main.ts once tracing (when asked for) has started:
// `switchboard <command>` (src/cli/commands.ts has the list and each one's --help).
// A bare `switchboard` prints the usage and starts nothing; every failure is one line on stderr
// naming what to fix (src/cli/failure.ts), the stack only with LOG_LEVEL=debug.
import { COMMANDS, UsageError, USAGE } from './commands.ts';
import { describeFailure, type FailureContext, wantsStack } from './failure.ts';
import { whereLine } from './where.ts';
import { loadConfig } from '../config.ts';
import { shutdownTracing } from '../lib/tracing.ts';
import { createLogger } from '../logger.ts';

const isHelp = (a: string | undefined) => a === '--help' || a === '-h';

async function main(argv: string[], ctx: FailureContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || isHelp(name) || (name === 'help' && args[0] === undefined)) {
    console.log(USAGE);
    return 0;
  }
  if (name === 'help') {
    const command = COMMANDS[args[0]!];
    if (!command) return unknown(args[0]!);
    console.log(command.help);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) return unknown(name);
  if (args.some(isHelp)) {
    console.log(command.help);
    return 0;
  }
  const config = loadConfig();
  ctx.config = config;
  if (!command.ownConfig) console.error(whereLine(config));
  const logger = createLogger(config.logLevel);
  try {
    return await command.run(args, { config, logger, keepRunning: onSignal });
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`switchboard ${name}: ${err.message}\n${command.help}`);
      return 2;
    }
    throw err;
  }
}

function unknown(name: string): number {
  console.error(`switchboard: unknown command "${name}"; "switchboard --help" lists the commands`);
  return 2;
}

function onSignal(close: () => Promise<void>) {
  let closing = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (closing) process.exit(1);
      closing = true;
      // The spans still buffered are sent before the process ends.
      close().then(
        () => shutdownTracing().then(() => process.exit(0)),
        () => shutdownTracing().then(() => process.exit(1)),
      );
    });
  }
}

// process.exit() does not wait for output still queued to a pipe: a long `audit verify` report
// was cut off mid-list (and its verdict line lost). Exit once both streams have drained.
const exitFlushed = (code: number) => shutdownTracing().then(() => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))));

const ctx: FailureContext = {};
main(process.argv.slice(2), ctx).then(
  (code) => {
    if (code >= 0) exitFlushed(code);
  },
  (err) => {
    console.error(`switchboard: ${describeFailure(err, ctx)}`);
    if (wantsStack()) console.error(err);
    exitFlushed(1);
  },
);
