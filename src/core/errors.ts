/**
 * Errors meant for people: one line, naming the file and, where known, the
 * row and column. The CLI prints `message` alone (no stack trace) and the app
 * shows it inline.
 */
export class HtiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HtiError';
  }
}

export interface DataErrorWhere {
  file?: string;
  row?: number;
  column?: string;
}

/** Bad input data. `row` is 1-based and counts the header as row 1 in CSV files. */
export class DataError extends HtiError {
  readonly where: DataErrorWhere;
  constructor(problem: string, where: DataErrorWhere = {}) {
    const parts: string[] = [];
    if (where.file) parts.push(where.file);
    if (where.row !== undefined) parts.push(`row ${where.row}`);
    if (where.column !== undefined) parts.push(`column ${where.column}`);
    super(parts.length ? `${parts.join(', ')}: ${problem}` : problem);
    this.name = 'DataError';
    this.where = where;
  }
}

/** Renders any thrown value as one line, keeping our own messages as written. */
export function oneLine(err: unknown): string {
  if (err instanceof HtiError) return err.message;
  if (err instanceof Error) return `${err.name}: ${err.message}`.split('\n')[0];
  return String(err).split('\n')[0];
}
