// The CloudFormation adapter: SDK calls in, the core's typed values out.
export type { ChangeSetRef, ReviewType } from './change-set.ts';
export type { DeleteResult } from './delete.ts';
export { deleteStack } from './delete.ts';
export type { StackDescription } from './describe.ts';
export { describeStack } from './describe.ts';
export type { ExecuteInput, ExecuteResult } from './execute.ts';
export { executeStack } from './execute.ts';
export type { WaitOptions } from './options.ts';
export type { ReviewInput, ReviewResult } from './review.ts';
export { reviewStack } from './review.ts';
export type { ListedStack } from './roles.ts';
export { listStack, readRoles } from './roles.ts';
