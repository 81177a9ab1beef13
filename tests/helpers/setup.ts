import { beforeAll } from 'vitest';
import { switchBackend } from '../../src/core/tfjs/backend';

beforeAll(async () => {
  await switchBackend('wasm');
});
