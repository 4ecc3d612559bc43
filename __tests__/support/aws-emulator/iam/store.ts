// IAM state transitions shared by the IAM API handlers, CloudFormation resources and seeding.
// Every function validates first and mutates last, so a thrown AwsError leaves the state untouched.
export type { IamEnv } from './store/env.ts';
export * from './store/users.ts';
export * from './store/groups.ts';
export * from './store/roles.ts';
export * from './store/managed-policies.ts';
