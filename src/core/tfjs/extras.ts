// Gradients of every kernel and the chained tensor methods (x.reshape(...), x.sum()), which
// @tensorflow/tfjs-core leaves out and the umbrella @tensorflow/tfjs registered on import.
// Loaded by ./backend.ts; see there why Node without a bundler loads them another way.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
