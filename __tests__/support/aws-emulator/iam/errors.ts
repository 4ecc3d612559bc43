import { AwsError } from '../errors.ts';

export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message, 404);
export const alreadyExists = (message: string): AwsError => new AwsError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string): AwsError => new AwsError('DeleteConflict', message, 409);
export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceeded', message, 409);

export const noSuchUser = (name: string): AwsError =>
  noSuchEntity(`The user with name ${name} cannot be found.`);
export const noSuchGroup = (name: string): AwsError =>
  noSuchEntity(`The group with name ${name} cannot be found.`);
export const noSuchRole = (name: string): AwsError =>
  noSuchEntity(`The role with name ${name} cannot be found.`);
export const noSuchPolicy = (arn: string): AwsError => noSuchEntity(`Policy ${arn} was not found.`);
export const notAttachable = (arn: string): AwsError =>
  noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
