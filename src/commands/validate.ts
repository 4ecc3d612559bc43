// `validate`: check the files without any AWS access.
import { hasErrors } from '../core/diagnostics.ts';
import type { ValidateReport } from '../core/report/types.ts';
import type { RunContext } from '../run-context.ts';
import { filesHaveErrors, loadFiles } from './prepare.ts';
import type { Services } from './services.ts';

export const validateCommand = async (context: RunContext, services: Services): Promise<ValidateReport> => {
  const { repository, diagnostics } = loadFiles(context, services);
  const failed = hasErrors(diagnostics) || repository === undefined;
  return {
    kind: 'validate',
    failed,
    headline: failed ? filesHaveErrors(diagnostics) : 'The RoleModel files are valid.',
    diagnostics,
    desired: failed ? undefined : repository.desired,
  };
};
