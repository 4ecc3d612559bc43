import type { SignedContext } from '../../http/service.ts';
import type { QueryParams } from '../../protocol/query-params.ts';
import type { CfnEnv } from '../env.ts';
import type { CfnRegionState, StackTag } from '../model.ts';
import type { TemplateRequest } from '../prepare.ts';
import type { ParameterInput } from '../template/parameters.ts';

export const envOf = (ctx: SignedContext): CfnEnv => ctx.world.cfnEnv;
export const regionOf = (ctx: SignedContext): CfnRegionState =>
  ctx.world.cfn(ctx.principal.account, ctx.region);

export function readParameters(params: QueryParams): ParameterInput[] {
  return params.structs('Parameters').map((p) => ({
    key: p.ParameterKey ?? '',
    value: p.ParameterValue,
    usePreviousValue: p.UsePreviousValue === 'true',
  }));
}

/** Undefined when the request carries no Tags member at all (keep the stack's tags). */
export function readTags(params: QueryParams): StackTag[] | undefined {
  const present = params.entries().some(([key]) => key === 'Tags' || key.startsWith('Tags.'));
  if (!present) return undefined;
  return params.structs('Tags').map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}

export function readTemplateRequest(params: QueryParams): TemplateRequest {
  return {
    templateBody: params.string('TemplateBody'),
    templateUrl: params.string('TemplateURL'),
    usePreviousTemplate: params.bool('UsePreviousTemplate') ?? false,
    parameters: readParameters(params),
    capabilities: params.list('Capabilities'),
  };
}

/** CloudFormation list operations page with NextToken and a fixed page size (configurable for tests). */
export const pageSizeOf = (ctx: SignedContext, operation: string, fallback = 100): number =>
  ctx.world.pageSize(operation, fallback);
