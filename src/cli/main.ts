// The CLI: main(argv, io) -> exit code (STYLE §13). Only runFromProcess wires in `process`;
// options are declared in options.ts, parsed in parser.ts; command bodies live in report.ts,
// events.ts and rules.ts.
import { setFlagsFromString } from 'node:v8';
import { checkFormats } from '../formats/validate';
import { checkRules } from '../rules/validate';
import { checkLayouts } from '../read/layouts';
import { CliError } from '../errors';
import { termSafe } from '../render/escape';
import type { Io } from './io';
import { parseArgs } from './parser';
import { runReport } from './report';
import { runEvents } from './events';
import { runRules } from './rules';

export type { Io };

/** Start-up check of the shipped data (STYLE §3): a broken format, rule or layout stops the tool. */
function checkData(): void {
  const errors = [...checkFormats(), ...checkRules(), ...checkLayouts()];
  if (errors.length) throw new CliError(`rke2-outage: internal rule/format error: ${errors[0]}`, 3);
}

/** Runs one invocation; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { args, text } = await parseArgs(argv, (io.stdout as { columns?: number }).columns);
    if (text) { io.stdout.write(text + '\n'); return 0; }
    checkData();
    const command = (args._ as string[])[0];
    if (command === 'rules') return await runRules(args, io);
    if (command === 'events') return await runEvents(args, io);
    return await runReport(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(termSafe(e.message.split('\n')[0]) + '\n');
      return e.exitCode;
    }
    io.stderr.write(`rke2-outage: internal error: ${(e as Error).stack ?? e}\n`);
    return 3;
  }
}

/** The old generation grows by this share of what is live before the next full collection (V8 picks up to 300 on its own). */
const HEAP_GROWING_PERCENT = 25;

/** bin/ entry: wires the real process in and sets the exit code. */
export function runFromProcess(): void {
  // V8 lets the old generation grow to about four times what is live before it collects (a big
  // machine, a fast collector): 100,000 inputs held ~160 MB live and peaked at 830 MB RSS. Growing
  // by a quarter of what is live keeps the peak near the live set (50: 313 MB for 200,000 inputs,
  // 25: 280 MB, same time; no change on the bench inputs); the flag is read at every collection.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // `rke2-outage ... | head` closes the pipe early: that is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
