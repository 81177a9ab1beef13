/**
 * A queue of async calls run one at a time, in order (a worker must not replace its model while
 * another call is half done); each caller still gets its own result or rejection, and a failure
 * never blocks the calls behind it.
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
}
