// The original CLI's credential keys, which the command line honours and the action ignores:
// `master_account_profile` (the AWS profile for the master account) and each account's
// `profile`. Read from the same parsed config file, with positions for errors.
import { error } from '../diagnostics.ts';
import type { Diagnostic, Position } from '../diagnostics.ts';
import { kindOf, mapEntries, positionOf, scalarValue, seqItems } from '../yaml/nodes.ts';
import type { MapEntry, YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';

export interface ProfileKeys {
  readonly masterProfile: string | undefined;
  /** Account name -> profile. */
  readonly accountProfiles: ReadonlyMap<string, string>;
  /** Where the keys are written: the action's "ignored" warnings there do not apply here. */
  readonly keyPositions: readonly Position[];
  readonly diagnostics: readonly Diagnostic[];
}

/** An AWS profile name as the shared config files allow it in a section header. */
const PROFILE_NAME = /^[^\s[\]]+$/;

const profileOf = (yaml: YamlFile, entry: MapEntry, diagnostics: Diagnostic[]): string | undefined => {
  const value = scalarValue(yaml, entry.valueNode);
  if (kindOf(yaml, entry.valueNode) === 'string' && PROFILE_NAME.test(String(value))) return String(value);
  diagnostics.push(
    error(
      positionOf(yaml, entry.valueNode ?? entry.keyNode),
      `\`${entry.key}\` must be the name of an AWS profile (from ~/.aws/config or ~/.aws/credentials).`,
      `Write e.g. \`${entry.key}: master\`, or remove the line to use the default credentials.`,
    ),
  );
  return undefined;
};

export const readProfileKeys = (yaml: YamlFile): ProfileKeys => {
  const diagnostics: Diagnostic[] = [];
  const keyPositions: Position[] = [];
  const root = mapEntries(yaml, yaml.document.contents as Node | null);
  const masterEntry = root.find((e) => e.key === 'master_account_profile');
  if (masterEntry) keyPositions.push(positionOf(yaml, masterEntry.keyNode));
  const masterProfile = masterEntry ? profileOf(yaml, masterEntry, diagnostics) : undefined;
  const accountProfiles = new Map<string, string>();
  const accounts = root.find((e) => e.key === 'assumable_accounts')?.valueNode ?? null;
  for (const item of seqItems(yaml, accounts)) {
    const entries = mapEntries(yaml, item);
    const profile = entries.find((e) => e.key === 'profile');
    if (!profile) continue;
    keyPositions.push(positionOf(yaml, profile.keyNode));
    const name = scalarValue(yaml, entries.find((e) => e.key === 'name')?.valueNode ?? null);
    const value = profileOf(yaml, profile, diagnostics);
    if (typeof name === 'string' && value !== undefined) accountProfiles.set(name, value);
  }
  return { masterProfile, accountProfiles, keyPositions, diagnostics };
};

/** Whether a diagnostic is the action's "ignored" warning for one of these keys. */
export const isIgnoredKeyWarning = (d: Diagnostic, keys: ProfileKeys): boolean =>
  d.severity === 'warning' &&
  keys.keyPositions.some((p) => p.file === d.file && p.line === d.line && p.column === d.column);
