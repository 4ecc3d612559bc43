// AWS errors turned into text a plan can show, and the few messages that mean something.

/** `<ErrorName>: <message>`, the form every failed call is reported in. */
export { errorText as errorReason } from '../error-text.ts';
import { hasErrorName } from '../error-text.ts';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** DescribeStacks on an absent stack fails with a ValidationError rather than an empty list. */
export const isStackMissing = (error: unknown): boolean =>
  hasErrorName(error, 'ValidationError') && error instanceof Error && /does not exist/i.test(error.message);

/** Both ways CloudFormation says a template and its parameters change nothing. */
export const meansNoChange = (text: string | undefined): boolean =>
  text !== undefined && /didn't contain changes|No updates are to be performed/i.test(text);

export const errorMeansNoChange = (error: unknown): boolean => meansNoChange(messageOf(error));
