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

/** A command's flags and positionals, strictly: an unknown flag is a usage error of one line. */
export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}
