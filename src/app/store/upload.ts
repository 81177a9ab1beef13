import { create } from 'zustand';
import type { AnchorSet } from '../../core/data/types';
import type { ParseProgress } from '../worker/parse-protocol';

/**
 * An anchor file on its way in, beside the main store so that the current dataset and model stay
 * untouched until the file is loaded: 'parsing' while the worker reads it (with progress),
 * 'too-large' while a file over the per-anchor limit waits for the user's choice.
 */
export type UploadState =
  | { phase: 'idle' }
  | { phase: 'parsing'; file: string; progress: ParseProgress | null }
  | { phase: 'too-large'; file: string; data: AnchorSet };

export const useUpload = create<UploadState>()(() => ({ phase: 'idle' }));
