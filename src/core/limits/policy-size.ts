// How IAM measures a policy against its size quotas: characters of its JSON, whitespace left out.

export const policySize = (document: unknown): number => JSON.stringify(document).replace(/\s/g, '').length;
