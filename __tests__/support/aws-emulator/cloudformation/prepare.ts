// Shared validation of template + parameters + capabilities for change sets and direct stack calls.
import { constraintViolation, validationError } from '../errors.ts';
import type { Stack, StackParameter } from './model.ts';
import { checkCapabilities } from './template/capabilities.ts';
import type { ParsedTemplate } from './template/model.ts';
import { resolveParameters, type ParameterInput } from './template/parameters.ts';
import { parseTemplate } from './template/parse.ts';

export const MAX_TEMPLATE_BODY = 51200;

export interface TemplateRequest {
  templateBody: string | undefined;
  templateUrl: string | undefined;
  usePreviousTemplate: boolean;
  parameters: ParameterInput[];
  capabilities: string[];
}

export interface PreparedTemplate {
  template: ParsedTemplate;
  parameters: StackParameter[];
}

export function parseTemplateBody(body: string): ParsedTemplate {
  if (body.length > MAX_TEMPLATE_BODY) {
    throw constraintViolation(
      'TemplateBody',
      `${body.slice(0, 40)}...`,
      `Member must have length less than or equal to ${MAX_TEMPLATE_BODY}`,
    );
  }
  return parseTemplate(body);
}

export function selectTemplate(request: TemplateRequest, previous: Stack | undefined): ParsedTemplate {
  if (request.usePreviousTemplate) {
    if (!previous?.template)
      throw validationError('UsePreviousTemplate is only valid for an existing stack.');
    return previous.template;
  }
  if (request.templateUrl !== undefined) {
    throw validationError('TemplateURL is not supported by the emulator; pass TemplateBody.');
  }
  if (request.templateBody === undefined) {
    throw validationError('Either Template URL or Template Body must be specified.');
  }
  return parseTemplateBody(request.templateBody);
}

export function prepareTemplate(request: TemplateRequest, previous: Stack | undefined): PreparedTemplate {
  const template = selectTemplate(request, previous);
  const parameters = resolveParameters(template, request.parameters, previous?.parameters);
  checkCapabilities(template, request.capabilities);
  return { template, parameters };
}
