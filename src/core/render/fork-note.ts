// Pull requests whose head is in another repository are validated only: a fork's files
// never run with AWS credentials, whatever the event (pull_request_target gets a token).

export const renderForkNote = (): string =>
  [
    "ℹ️ **No plan against AWS for this pull request.** It comes from a fork: its head is in another repository. GitHub gives a fork's `pull_request` runs no OIDC token, and RoleModel never reads AWS with a fork's files even where it has one (`pull_request_target`): the files could point the action anywhere while it holds the deployer role's credentials.",
    '',
    'The files were validated. To see the plan, a maintainer can push this branch to this repository, or run the workflow by hand (`workflow_dispatch`) with `command: plan`.',
    '',
  ].join('\n');
