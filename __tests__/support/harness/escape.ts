// Reverses the escaping @actions/core applies to workflow command data and properties.
// One pass, so an escaped "%" (%25) followed by "0A" never decodes twice.

const DATA: Readonly<Record<string, string>> = { '%25': '%', '%0D': '\r', '%0A': '\n' };
const PROPERTY: Readonly<Record<string, string>> = { ...DATA, '%3A': ':', '%2C': ',' };

export const unescapeData = (s: string): string =>
  s.replace(/%(?:25|0D|0A)/gi, (m) => DATA[m.toUpperCase()] ?? m);

export const unescapeProperty = (s: string): string =>
  s.replace(/%(?:25|0D|0A|3A|2C)/gi, (m) => PROPERTY[m.toUpperCase()] ?? m);
