// The runner's file commands: GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE hold `name=value`
// lines or `name<<DELIMITER` heredocs; GITHUB_PATH holds one directory per line.

export interface KeyValueFile {
  readonly values: Record<string, string>;
  /** Problems the runner would fail the step for, e.g. a heredoc without its closing delimiter. */
  readonly errors: string[];
}

export const parseKeyValueFile = (text: string): KeyValueFile => {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    // Whichever marker comes first decides the form, as in the runner.
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq);
      if (name === '') errors.push(`Line ${i + 1}: empty name`);
      else values[name] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0) {
      errors.push(`Line ${i + 1}: invalid format "${line}"`);
      continue;
    }
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    const close = lines.indexOf(delimiter, i + 1);
    if (name === '' || delimiter === '' || close < 0) {
      errors.push(`Line ${i + 1}: matching delimiter not found "${delimiter}"`);
      break;
    }
    values[name] = lines.slice(i + 1, close).join('\n');
    i = close;
  }
  return { values, errors };
};

export const parsePathFile = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
