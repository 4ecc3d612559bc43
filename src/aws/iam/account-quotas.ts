// The quotas IAM holds an account to, read with GetAccountSummary (one call per account), never
// assumed: an account may have asked AWS for more groups or a longer trust policy. A summary
// that cannot be read (a deployer role without iam:GetAccountSummary) is reported, not fatal.
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { MasterQuotas, QuotaRead } from '../../core/observed.ts';
import { errorText } from '../error-text.ts';

type Summary = Readonly<Record<string, number | undefined>>;

const summaryOf = async (client: IAMClient): Promise<QuotaRead<Summary>> => {
  try {
    const { SummaryMap } = await client.send(new GetAccountSummaryCommand({}));
    return { read: true, value: SummaryMap ?? {} };
  } catch (e) {
    return { read: false, reason: errorText(e) };
  }
};

/** The named entries of the summary, or why the summary does not hold them. */
const pick = <K extends string>(
  summary: QuotaRead<Summary>,
  keys: readonly K[],
): QuotaRead<Readonly<Record<K, number>>> => {
  if (!summary.read) return summary;
  const missing = keys.filter((k) => typeof summary.value[k] !== 'number');
  if (missing.length > 0)
    return { read: false, reason: `GetAccountSummary did not return ${missing.join(', ')}` };
  return {
    read: true,
    value: Object.fromEntries(keys.map((k) => [k, summary.value[k]])) as Record<K, number>,
  };
};

export const readMasterQuotas = async (client: IAMClient): Promise<QuotaRead<MasterQuotas>> => {
  const quotas = pick(await summaryOf(client), [
    'GroupsPerUserQuota',
    'GroupsQuota',
    'GroupPolicySizeQuota',
  ] as const);
  return quotas.read
    ? {
        read: true,
        value: {
          groupsPerUser: quotas.value.GroupsPerUserQuota,
          groups: quotas.value.GroupsQuota,
          groupPolicySize: quotas.value.GroupPolicySizeQuota,
        },
      }
    : quotas;
};

export const readTrustPolicyQuota = async (client: IAMClient): Promise<QuotaRead<number>> => {
  const quotas = pick(await summaryOf(client), ['AssumeRolePolicySizeQuota'] as const);
  return quotas.read ? { read: true, value: quotas.value.AssumeRolePolicySizeQuota } : quotas;
};
