// The job log. Text that came from files, AWS or GitHub goes through `safeLogText`, so that it
// can never start a line the runner reads as a workflow command (`::add-mask::`, `::error`,
// `::stop-commands::`, or the older `##[...]` form). Annotations and group titles are escaped
// by the toolkit itself.
import * as core from '@actions/core';
import type { Log } from '../commands/services.ts';

/** The runner splits lines at \n, \r\n and a lone \r, and ignores leading whitespace. */
const COMMAND_START = /^(\s*)(::|##\[)/;

/** Breaks the command prefix of every line with a zero-width space, which the runner does not trim. */
export const safeLogText = (text: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line.replace(
        COMMAND_START,
        (_m, space: string, prefix: string) => `${space}${prefix[0]}\u200b${prefix.slice(1)}`,
      ),
    )
    .join('\n');

export const actionsLog: Log = {
  info: (line) => core.info(safeLogText(line)),
  warning: (text) => core.warning(text),
  debug: (text) => core.debug(text),
  fold: (title, lines) => {
    core.startGroup(title);
    for (const line of lines) core.info(safeLogText(line));
    core.endGroup();
  },
  group: (title, work) => core.group(title, work),
};
