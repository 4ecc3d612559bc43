// The region of a run: the `aws-region` input, else the config's `region`, else the
// environment's AWS_REGION or AWS_DEFAULT_REGION.

export interface RegionSources {
  /** The `aws-region` input (or the CLI's --region). */
  readonly input?: string | undefined;
  /** AWS_REGION, else AWS_DEFAULT_REGION. */
  readonly environment?: string | undefined;
}

export const effectiveRegion = (sources: RegionSources, configured: string | undefined): string | undefined =>
  sources.input || configured || sources.environment || undefined;

export const NO_REGION =
  'No AWS region: set `region:` in the config file, the `aws-region` input, or AWS_REGION (or AWS_DEFAULT_REGION) in the environment.';
