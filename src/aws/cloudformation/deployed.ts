// The shortcut around a change set: a settled stack whose template text and parameters are
// exactly the desired ones needs no change set to know that nothing changes (the core's
// matchesDeployed says when that holds). Costs one GetTemplate, against a change set's
// create, wait, read and delete.
import { GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { DesiredStack, RoleTemplate } from '../../core/model.ts';
import { changeSetRequired, comparableStatus, matchesDeployed } from '../../core/template/deployed-match.ts';
import { errorText } from '../error-text.ts';
import type { StackDescription } from './describe.ts';

/** True when the deployed stack is the desired one; false whenever a change set must decide. */
export const unchangedWithoutChangeSet = async (
  client: CloudFormationClient,
  desired: DesiredStack,
  template: RoleTemplate,
  stack: StackDescription,
  warn?: (message: string) => void,
): Promise<boolean> => {
  if (!comparableStatus(stack.status) || changeSetRequired(template) !== undefined) return false;
  let body: string | undefined;
  try {
    const out = await client.send(
      new GetTemplateCommand({ StackName: desired.stackName, TemplateStage: 'Original' }),
    );
    body = out.TemplateBody;
  } catch (error) {
    // A deployer role from before this shortcut may lack the permission: the change set,
    // which needs no more than before, still decides.
    warn?.(
      `Could not read the deployed template of stack ${desired.stackName} in account ${desired.accountName} (${errorText(error)}); a change set decides instead. Allow cloudformation:GetTemplate to the deployer role (samples/bootstrap/assumable-account.yml) to skip needless change sets.`,
    );
    return false;
  }
  if (body === undefined) return false;
  return matchesDeployed(desired, template, {
    status: stack.status,
    templateBody: body,
    parameters: stack.parameters,
  });
};
