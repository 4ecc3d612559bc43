// The naming rules of IAM, STS and CloudFormation that the files must respect.

/** IAM user, group and role names: `[\w+=,.@-]`. */
export const IAM_NAME_CHARS = /^[\w+=,.@-]+$/;
export const USER_NAME_MAX = 64;
export const GROUP_NAME_MAX = 128;
export const ROLE_NAME_MAX = 64;
/** CloudFormation stack names: a letter, then letters, digits and hyphens, up to 128. */
export const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
/** CloudFormation logical ids are alphanumeric. */
export const LOGICAL_ID = /^[A-Za-z0-9]+$/;
/** Region names as AWS writes them: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** A role ARN: partition, account id, path without its leading `/`, name. */
export const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
/** STS role session names: 2-64 of `[\w+=,.@-]`. */
export const SESSION_NAME_CHARS = /[^\w+=,.@-]/g;

export const isIamName = (name: string, max: number): boolean =>
  name.length >= 1 && name.length <= max && IAM_NAME_CHARS.test(name);

/** The characters of a name that IAM refuses, each once, for the error message. */
export const invalidIamChars = (name: string): string[] => [
  ...new Set([...name].filter((c) => !/[\w+=,.@-]/.test(c))),
];

/** `it contains "/" " "`, for a message about a name IAM refuses; '' when every character is allowed. */
export const invalidCharsText = (name: string): string => {
  const bad = invalidIamChars(name);
  return bad.length === 0 ? '' : `it contains ${bad.map((c) => `"${c}"`).join(' ')}`;
};
