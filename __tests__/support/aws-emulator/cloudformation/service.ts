import type { ServiceDefinition } from '../http/service.ts';
import { changeSetOperations } from './handlers/change-sets.ts';
import { stackOperations } from './handlers/stacks.ts';
import { templateOperations } from './handlers/templates.ts';

export const cloudFormationService: ServiceDefinition = {
  name: 'cloudformation',
  version: '2010-05-15',
  xmlns: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  operations: { ...stackOperations, ...changeSetOperations, ...templateOperations },
};
