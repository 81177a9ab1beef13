import { parseArgs, type ParseArgsConfig } from 'node:util';
import { switchBackend, isBackendName, type BackendName } from '../core/tfjs/backend';
import { UsageError } from './args';

/** Starts the backend named by --backend (default wasm); webgl is browser-only. */
export async function backendFrom(v: string | undefined): Promise<BackendName> {
  const name = v ?? 'wasm';
  if (!isBackendName(name) || name === 'webgl') throw new UsageError(`--backend must be wasm, cpu or webgpu, got "${name}"`);
  await switchBackend(name);
  return name;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** A negative number as a value (-1, -0.5, -.5, -1e-3): Node's parser would take it for a flag. */
const NEGATIVE = /^-(\d|\.\d)/;

/**
 * `--lambda -1` as `--lambda=-1`: a value-taking flag followed by a negative number takes it as its
 * value (a knob on a log scale is negative), where Node's parser would call the flag ambiguous.
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const takesValue = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (o.short) takesValue.add(`-${o.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (takesValue.has(args[i]) && i + 1 < args.length && NEGATIVE.test(args[i + 1])) {
      out.push(args[i].startsWith('--') ? `${args[i]}=${args[i + 1]}` : `${args[i]}${args[i + 1]}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** A command's flags and positionals, strictly: an unknown flag is a usage error of one line that lists the command's flags. */
export function parse(args: string[], options: Options) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (unknown) {
      const flags = Object.keys(options).map((name) => `--${name}`);
      throw new UsageError(`unknown option ${unknown[1]} (this command takes ${flags.join(', ')}; see hti --help)`);
    }
    throw new UsageError(message);
  }
}
