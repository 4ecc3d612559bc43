// The preview of a stack created from scratch, when no change set can be made (the stack
// in ROLLBACK_COMPLETE must be deleted first): every resource of the template is added.
import type { RoleTemplate } from '../../core/model.ts';
import type { ResourceChange } from '../../core/observed.ts';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const templateAdditions = (template: RoleTemplate): ResourceChange[] => {
  const resources = template.document['Resources'];
  if (!isRecord(resources)) return [];
  return Object.entries(resources).map(([logicalId, resource]) => {
    const type = isRecord(resource) ? resource['Type'] : undefined;
    return {
      action: 'Add',
      logicalId,
      physicalId: undefined,
      resourceType: typeof type === 'string' ? type : '',
      replacement: undefined,
      scope: [],
      properties: [],
    };
  });
};
