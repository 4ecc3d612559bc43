// How terminal text is painted: ANSI colours on a terminal, nothing when the output is a file
// or a pipe. Renderers take a Style, so the same function serves both and stays pure.

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const same = (text: string): string => text;

export const plainStyle: Style = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

const sgr =
  (on: number, off: number) =>
  (text: string): string =>
    text === '' ? text : `\u001b[${on}m${text}\u001b[${off}m`;

export const colourStyle: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

/** Colour on a terminal, unless NO_COLOR is set or the terminal is `dumb`; FORCE_COLOR forces it. */
export const chooseStyle = (
  isTty: boolean,
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): Style => {
  if (noColorFlag || (env['NO_COLOR'] ?? '') !== '') return plainStyle;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return colourStyle;
  return isTty && env['TERM'] !== 'dumb' ? colourStyle : plainStyle;
};
