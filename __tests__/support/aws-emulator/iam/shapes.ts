// IAM entities as the XML structures the IAM API returns. Policy documents are URL-encoded, as AWS does.
import type { XmlObject } from '../protocol/xml.ts';
import type { IamGroup, IamManagedPolicy, IamRole, IamUser } from './model.ts';

export const encodeDocument = (document: string): string => encodeURIComponent(document);

export const userShape = (user: IamUser): XmlObject => ({
  Path: user.path,
  UserName: user.name,
  UserId: user.id,
  Arn: user.arn,
  CreateDate: user.createDate,
});

export const groupShape = (group: IamGroup): XmlObject => ({
  Path: group.path,
  GroupName: group.name,
  GroupId: group.id,
  Arn: group.arn,
  CreateDate: group.createDate,
});

export const roleShape = (role: IamRole): XmlObject => ({
  Path: role.path,
  RoleName: role.name,
  RoleId: role.id,
  Arn: role.arn,
  CreateDate: role.createDate,
  AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
  Description: role.description,
  MaxSessionDuration: role.maxSessionDuration,
});

export const attachedPolicyShape = (arn: string): XmlObject => ({
  PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
  PolicyArn: arn,
});

export const managedPolicyShape = (policy: IamManagedPolicy, attachmentCount: number): XmlObject => ({
  PolicyName: policy.name,
  PolicyId: policy.id,
  Arn: policy.arn,
  Path: policy.path,
  DefaultVersionId: policy.versionId,
  AttachmentCount: attachmentCount,
  PermissionsBoundaryUsageCount: 0,
  IsAttachable: true,
  Description: policy.description,
  CreateDate: policy.createDate,
  UpdateDate: policy.updateDate,
});

export const policyVersionShape = (policy: IamManagedPolicy): XmlObject => ({
  Document: encodeDocument(policy.document),
  VersionId: policy.versionId,
  IsDefaultVersion: true,
  CreateDate: policy.updateDate,
});

export const inlinePolicyList = (policies: Map<string, string>): XmlObject[] =>
  [...policies].map(([name, document]) => ({ PolicyName: name, PolicyDocument: encodeDocument(document) }));
