import { beforeAll } from 'vitest';
import { switchBackend } from '../../src/core/backend';

beforeAll(async () => {
  await switchBackend('wasm');
});
