// Reads a step's stdout the way the runner does: commands become annotations, masks,
// groups and outputs; everything else is log text, shown with the masks known so far.
import type { WorkflowCommand } from './workflow-command.ts';
import { parseCommandLine } from './workflow-command.ts';

export type Severity = 'error' | 'warning' | 'notice';

export interface Annotation {
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly title?: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface LogGroup {
  readonly title: string;
  /** Plain log lines printed between ::group:: and ::endgroup::. */
  readonly lines: string[];
}

export interface ParsedLog {
  readonly commands: WorkflowCommand[];
  readonly annotations: Annotation[];
  readonly masks: string[];
  readonly groups: LogGroup[];
  readonly debug: string[];
  /** Plain (non-command) lines, unmasked. */
  readonly lines: string[];
  /** Values from the deprecated `::set-output name=X::value` command. */
  readonly legacyOutputs: Record<string, string>;
  /** Stdout with each line's secrets replaced by *** using the masks registered up to that line. */
  readonly maskedStdout: string;
}

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'notice']);

const toNumber = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

export const toAnnotation = (c: WorkflowCommand): Annotation | undefined => {
  if (!SEVERITIES.has(c.command)) return undefined;
  const p = c.properties;
  const optional = {
    file: p['file'],
    line: toNumber(p['line']),
    col: toNumber(p['col']),
    endLine: toNumber(p['endLine']),
    endColumn: toNumber(p['endColumn']),
    title: p['title'],
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { severity: c.command as Severity, message: c.message, ...present, properties: p };
};

export const applyMasks = (line: string, masks: readonly string[]): string =>
  masks.reduce((acc, m) => (m === '' ? acc : acc.split(m).join('***')), line);

export const parseLog = (stdout: string, initialMasks: readonly string[] = []): ParsedLog => {
  const log: ParsedLog = {
    commands: [],
    annotations: [],
    masks: [],
    groups: [],
    debug: [],
    lines: [],
    legacyOutputs: {},
    maskedStdout: '',
  };
  const masks = initialMasks.filter((m) => m !== '');
  const shown: string[] = [];
  let group: LogGroup | undefined;
  // `::stop-commands::TOKEN` turns command processing off until a `::TOKEN::` line.
  let stopToken: string | undefined;
  // The runner reads lines as .NET does: a lone \r ends a line too.
  const rows = stdout.split(/\r\n|\r|\n/);
  if (rows.at(-1) === '') rows.pop();
  for (const [i, raw] of rows.entries()) {
    const parsed = parseCommandLine(raw, i + 1);
    const cmd = stopToken === undefined || parsed?.command === stopToken ? parsed : undefined;
    if (cmd && stopToken !== undefined) {
      stopToken = undefined;
      continue;
    }
    if (!cmd) {
      log.lines.push(raw);
      group?.lines.push(raw);
      shown.push(applyMasks(raw, masks));
      continue;
    }
    log.commands.push(cmd);
    const annotation = toAnnotation(cmd);
    if (annotation) log.annotations.push(annotation);
    switch (cmd.command) {
      case 'add-mask':
        log.masks.push(cmd.message);
        masks.push(cmd.message);
        break;
      case 'debug':
        log.debug.push(cmd.message);
        break;
      case 'group':
        // Groups do not nest in the log viewer: a new group ends the previous one.
        group = { title: cmd.message, lines: [] };
        log.groups.push(group);
        break;
      case 'endgroup':
        group = undefined;
        break;
      case 'set-output':
        log.legacyOutputs[cmd.properties['name'] ?? ''] = cmd.message;
        break;
      case 'stop-commands':
        stopToken = cmd.message;
        break;
    }
    // After the switch so an add-mask line already hides its own value.
    shown.push(applyMasks(raw, masks));
  }
  return { ...log, maskedStdout: shown.join('\n') + (shown.length ? '\n' : '') };
};
