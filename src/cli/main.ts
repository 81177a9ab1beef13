import * as tf from '@tensorflow/tfjs-core';
import { oneLine } from '../core/errors';
import { UsageError } from './args';
import { COMMANDS, USAGE } from './commands';

/** Entry point of `hti`: every failure ends as one line on stderr and a non-zero exit. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command "${command}" (expected ${Object.keys(COMMANDS).join(', ')}; see hti --help)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  return run(rest);
}

// Production mode: no tfjs banners or debug warnings mixed into the CLI's output.
tf.enableProdMode();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`hti: error: ${oneLine(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
