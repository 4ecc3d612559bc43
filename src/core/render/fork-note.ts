// Pull requests from forks get no OIDC token: they are validated, and told why there is no plan.

export const renderForkNote = (): string =>
  [
    'ℹ️ **No plan against AWS for this pull request.** It comes from a fork, and GitHub gives workflows run for fork pull requests no OIDC token, so the action cannot assume the deployer role to read the accounts.',
    '',
    'The files were validated. To see the plan, a maintainer can push this branch to this repository, or run the workflow by hand (`workflow_dispatch`) with `command: plan`.',
    '',
  ].join('\n');
