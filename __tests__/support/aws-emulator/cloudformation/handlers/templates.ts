// Template inspection operations: ValidateTemplate, GetTemplateSummary, GetTemplate.
import { validationError } from '../../errors.ts';
import { read, type Operation, type SignedContext } from '../../http/service.ts';
import type { XmlObject } from '../../protocol/xml.ts';
import { findChangeSet } from '../change-sets.ts';
import { parseTemplateBody } from '../prepare.ts';
import { requireStack } from '../stack-store.ts';
import { requiredCapability } from '../template/capabilities.ts';
import type { ParsedTemplate } from '../template/model.ts';
import { regionOf } from './context.ts';

function templateOf(ctx: SignedContext): ParsedTemplate {
  const body = ctx.params.string('TemplateBody');
  if (body !== undefined) return parseTemplateBody(body);
  if (ctx.params.string('TemplateURL') !== undefined) {
    throw validationError('TemplateURL is not supported by the emulator; pass TemplateBody.');
  }
  const stackName = ctx.params.string('StackName');
  if (stackName === undefined)
    throw validationError('Either Template URL or Template Body must be specified.');
  const template = requireStack(regionOf(ctx), stackName).template;
  if (!template) throw validationError(`Stack with id ${stackName} does not exist`);
  return template;
}

function capabilityFields(template: ParsedTemplate): XmlObject {
  const required = requiredCapability(template);
  if (!required) return { Capabilities: [] };
  return {
    Capabilities: [required.capability],
    CapabilitiesReason: `The following resource(s) require capabilities: [${required.resourceTypes.join(', ')}]`,
  };
}

function validateTemplate(ctx: SignedContext): XmlObject {
  const template = templateOf(ctx);
  return {
    Parameters: [...template.parameters].map(([key, decl]) => ({
      ParameterKey: key,
      DefaultValue: decl.default,
      NoEcho: decl.noEcho,
      Description: decl.description,
    })),
    Description: template.description,
    ...capabilityFields(template),
    DeclaredTransforms: template.transforms,
  };
}

function getTemplateSummary(ctx: SignedContext): XmlObject {
  const template = templateOf(ctx);
  return {
    Parameters: [...template.parameters].map(([key, decl]) => ({
      ParameterKey: key,
      DefaultValue: decl.default,
      ParameterType: decl.type,
      NoEcho: decl.noEcho,
      Description: decl.description,
      ParameterConstraints: { AllowedValues: decl.allowedValues ?? [] },
    })),
    Description: template.description,
    ...capabilityFields(template),
    ResourceTypes: [...new Set([...template.resources.values()].map((r) => r.type))],
    Version: template.formatVersion,
    Metadata: template.metadata === undefined ? undefined : JSON.stringify(template.metadata),
    DeclaredTransforms: template.transforms,
  };
}

function getTemplate(ctx: SignedContext): XmlObject {
  const changeSetName = ctx.params.string('ChangeSetName');
  const stackName = ctx.params.string('StackName');
  const region = regionOf(ctx);
  let template: ParsedTemplate | undefined;
  if (changeSetName !== undefined) template = findChangeSet(region, changeSetName, stackName).template;
  else if (stackName !== undefined) template = requireStack(region, stackName).template;
  else throw validationError('StackName or ChangeSetName must be specified.');
  if (!template) throw validationError(`Stack with id ${stackName ?? ''} does not exist`);
  return { TemplateBody: template.body, StagesAvailable: ['Original', 'Processed'] };
}

export const templateOperations: Record<string, Operation> = {
  ValidateTemplate: read(validateTemplate),
  GetTemplateSummary: read(getTemplateSummary),
  GetTemplate: read(getTemplate),
};
