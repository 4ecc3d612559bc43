// Public surface of the GitHub emulator.
export type { GitHubEmulator, GitHubEmulatorOptions } from './server.ts';
export { startGitHubEmulator } from './server.ts';
export type { GitHubEmulatorControl, OidcJobHandle, RequestFilter } from './control.ts';
export { decodeJwtPayload, OIDC_ISSUER, subjectOf } from './oidc.ts';
export { MAX_COMMENT_BODY } from './routes-comments.ts';
export { fakeSha } from './sha.ts';
export type {
  CommentSeed,
  FailureRule,
  GitHubUser,
  IssueComment,
  IssueSeed,
  Label,
  OidcJobContext,
  Principal,
  PullRequestSeed,
  RequestLogEntry,
} from './types.ts';
