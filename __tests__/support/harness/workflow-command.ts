// Parses one stdout line as the runner does: `::name key=value,key2=value2::message`.
import { unescapeData, unescapeProperty } from './escape.ts';

export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
  /** 1-based line number in stdout. */
  readonly lineNumber: number;
}

const parseProperties = (text: string): Record<string, string> => {
  const properties: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    // The runner ignores properties without a value.
    if (eq <= 0) continue;
    properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return properties;
};

/** The command on this line, or undefined for a plain log line. */
export const parseCommandLine = (line: string, lineNumber: number): WorkflowCommand | undefined => {
  const trimmed = line.trim();
  if (!trimmed.startsWith('::')) return undefined;
  const end = trimmed.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = trimmed.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (command === '') return undefined;
  return {
    command,
    properties: space < 0 ? {} : parseProperties(info.slice(space + 1)),
    message: unescapeData(trimmed.slice(end + 2)),
    lineNumber,
  };
};
