import type { TImportProgress } from './run-import';

interface TTerminal {
  isTTY?: boolean;
  write(text: string): boolean;
}

const number = (value: number) => value.toLocaleString('en-US');

/**
 * A one-line, self-overwriting progress report for a person at a terminal; nothing at all when the output is a
 * file or a pipe (a CI log should hold the summary, not ten thousand carriage returns).
 */
export function terminalProgress(terminal: TTerminal, label: string) {
  const enabled = terminal.isTTY === true;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(progress: TImportProgress) {
      if (!enabled) return;
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      terminal.write(
        `\r${label}: ${number(progress.rows)} rows read · ${number(progress.imported)} imported · ${number(progress.duplicates)} already there · ${number(progress.bad)} bad\u001b[K`,
      );
    },
    /** Clears the progress line so the summary starts on a clean line. */
    done() {
      if (enabled && drawn) terminal.write('\r\u001b[K');
    },
  };
}
