import { main } from './program.js';
import { EXIT } from './exit-codes.js';

/** The only place that touches the real process: wires stdout/stderr/env/exit status. */
export function runFromProcess(): void {
  // A closed pipe (`pledge-audit … | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const debug = process.argv.includes('--debug');
  main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    // main() reports its own failures; this is for a failure of the reporting itself.
    (e: unknown) => {
      process.stderr.write(`pledge-audit: E_INTERNAL: ${e instanceof Error ? e.message : String(e)}\n`);
      if (debug && e instanceof Error && e.stack !== undefined) process.stderr.write(`${e.stack}\n`);
      process.exitCode = EXIT.INPUT;
    },
  );
}
