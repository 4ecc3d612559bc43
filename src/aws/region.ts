// The region of a run: the input, else the config, else the environment's AWS_REGION or AWS_DEFAULT_REGION.

export type RegionResult =
  { readonly ok: true; readonly region: string } | { readonly ok: false; readonly message: string };

export const resolveRegion = (
  input: string | undefined,
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
): RegionResult => {
  const region = input || configured || env['AWS_REGION'] || env['AWS_DEFAULT_REGION'];
  if (region) return { ok: true, region };
  return {
    ok: false,
    message:
      'No AWS region: set `region:` in the config file, the `aws-region` input, or AWS_REGION (or AWS_DEFAULT_REGION) in the environment.',
  };
};
