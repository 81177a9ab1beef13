import { beforeAll } from 'vitest';
import { useBackend } from '../../src/core/backend';

beforeAll(async () => {
  await useBackend('wasm');
});
