// One benchmark job in its own process (so jobs run in parallel on both cores); prints one JSON line.
import { switchBackend } from '../src/core/tfjs/backend';
import { toJson } from './json';
import { runTask } from './tasks';

const [task, variant, seed, config] = process.argv.slice(2);
await switchBackend('wasm');
const result = await runTask(task, variant, Number(seed), JSON.parse(config ?? '{}'));
process.stdout.write(`${toJson(result)}\n`);
