// The values a template's `${...}` take in one account, as far as the files tell: the master
// account for AssumingAccountID, the config's parameters (else the template's defaults) and
// the pseudo parameters CloudFormation fills in.
import type { AccountConfig, RoleModelConfig, RoleTemplate } from '../model.ts';
import type { KnownValues } from '../privilege/substitute.ts';
import { isRecord } from '../privilege/intrinsics.ts';
import { ASSUMING_ACCOUNT_PARAMETER } from '../template/parse-template.ts';

const URL_SUFFIX = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
} as const;

const defaultOf = (template: RoleTemplate, name: string): string | undefined => {
  const parameters = template.document['Parameters'];
  const parameter = isRecord(parameters) ? parameters[name] : undefined;
  const value = isRecord(parameter) ? parameter['Default'] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

export const templateValues = (
  config: RoleModelConfig,
  template: RoleTemplate,
  account: AccountConfig | undefined,
): KnownValues => {
  const values = new Map<string, string>([
    [ASSUMING_ACCOUNT_PARAMETER, config.masterAccountId],
    ['AWS::Partition', config.partition],
    ['AWS::URLSuffix', URL_SUFFIX[config.partition]],
    ['AWS::StackName', config.stackName],
  ]);
  if (config.region !== undefined) values.set('AWS::Region', config.region);
  if (account !== undefined) values.set('AWS::AccountId', account.accountId);
  for (const p of template.parameters) {
    if (p.name === ASSUMING_ACCOUNT_PARAMETER) continue;
    const value = config.parameters[p.name] ?? defaultOf(template, p.name);
    if (value !== undefined) values.set(p.name, value);
  }
  return values;
};
