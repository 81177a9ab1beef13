/**
 * Why the backend in use runs, in words for the status panel. `failures`: one line for each
 * backend tried before it that could not start; `reason`: why the order was what it was (the
 * WebGPU probe's finding under 'auto', "chosen by you" for a choice); `threading`: the wasm
 * build's threads, where it is wasm.
 */
export function backendReason(choice: string, name: string, reason: string, failures: string[], threading: string | null): string {
  // A chosen backend that could not start: say so once, and that this one runs instead (not "chosen by you").
  const fellBack = choice !== 'auto' && name !== choice;
  let why = fellBack ? `you chose ${choice}, but ${failures.join('; ')}: running on ${name} instead` : reason;
  if (threading) why = `${why}; ${threading}`;
  if (!fellBack && failures.length) why = `${failures.join('; ')}; ${why}`;
  return why;
}

/** One failed start, naming the backend once (backend errors often name it already). */
export function failureLine(name: string, message: string): string {
  return message.includes(name) ? message : `${name} could not start (${message})`;
}
