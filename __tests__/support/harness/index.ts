// Public surface of the action harness.
export type {
  AwsEmulatorLike,
  EmulatorReport,
  KillContext,
  RunActionOptions,
  RunResult,
} from './run-action.ts';
export { runAction } from './run-action.ts';
export type { RunningHandle } from './child.ts';
export type {
  PullRequestEventOptions,
  PullRequestInfo,
  PushEventOptions,
  RunnerEvent,
  ScheduleEventOptions,
  WorkflowDispatchEventOptions,
} from './events.ts';
export {
  DEFAULT_REPOSITORY,
  pullRequestEvent,
  pushEvent,
  repositoryPayload,
  scheduleEvent,
  workflowDispatchEvent,
} from './events.ts';
export type { KeyValueFile } from './file-commands.ts';
export { parseKeyValueFile, parsePathFile } from './file-commands.ts';
export type { ActionInput, InputValue } from './inputs.ts';
export { inputEnv, inputEnvName, parseActionInputs } from './inputs.ts';
export type { Annotation, LogGroup, ParsedLog, Severity } from './log.ts';
export { applyMasks, parseLog } from './log.ts';
export type { WorkflowCommand } from './workflow-command.ts';
export { parseCommandLine } from './workflow-command.ts';
export { DEFAULT_SCRIPT, REPO_ROOT } from './paths.ts';
