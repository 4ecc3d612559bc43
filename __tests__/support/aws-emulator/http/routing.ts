import { cloudFormationService } from '../cloudformation/service.ts';
import { iamService } from '../iam/handlers.ts';
import { stsService } from '../sts/handlers.ts';
import type { ServiceDefinition } from './service.ts';

export const SERVICES: readonly ServiceDefinition[] = [stsService, iamService, cloudFormationService];

/**
 * The SigV4 credential scope names the service; unsigned calls (AssumeRoleWithWebIdentity)
 * fall back to the API version, which is unique per service.
 */
export function routeService(
  scopeService: string | undefined,
  version: string,
): ServiceDefinition | undefined {
  const byScope = SERVICES.find((s) => s.name === scopeService);
  return byScope ?? SERVICES.find((s) => s.version === version);
}
