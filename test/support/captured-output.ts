import type { TCliOutput } from '../../src/cli/csv-import-cli';

/** Stands in for stdout/stderr of a CLI: keeps what was written; `isTTY` decides whether progress is drawn. */
export class CapturedOutput implements TCliOutput {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}
