import type { BaselineMethod } from '../../sampling/types';
import { cfm } from './cfm';
import { identity } from './identity';
import { mccann } from './mccann';
import { nearest } from './nearest';
import { otCfm } from './ot-cfm';
import { regression } from './regression';
import type { BaselineStrategy } from './strategy';

/** Every baseline's strategy by method id (labels and descriptions live in surrogate/methods.ts). */
export const BASELINE_STRATEGIES: Record<BaselineMethod, BaselineStrategy> = {
  identity,
  nearest,
  mccann,
  cfm,
  'ot-cfm': otCfm,
  regression,
};
