// Resources whose deployment runs code that the plan cannot show: a custom resource calls its
// Lambda function (or SNS topic) when it is created, updated or deleted; Lambda resources put
// code in place or invoke it; a macro is code that later templates run. Whatever that code
// does happens with the permissions it has, outside this review.

/** Whether creating, changing or removing a resource of this type runs code at apply. */
export const runsCodeAtApply = (resourceType: string): boolean =>
  resourceType.startsWith('Custom::') ||
  resourceType === 'AWS::CloudFormation::CustomResource' ||
  resourceType === 'AWS::CloudFormation::Macro' ||
  resourceType.startsWith('AWS::Lambda::');
