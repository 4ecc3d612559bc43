// STS: AssumeRole, AssumeRoleWithWebIdentity (unsigned) and GetCallerIdentity.
import { assumedRoleArn, type Principal } from '../credentials.ts';
import { accessDenied, constraintViolation, validationError, AwsError } from '../errors.ts';
import type { AnonymousContext, ServiceDefinition } from '../http/service.ts';
import { read } from '../http/service.ts';
import { findMfaDevice, type MfaDevice } from '../iam/mfa.ts';
import type { IamRole } from '../iam/model.ts';
import { totpAccepts } from '../util/totp.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import type { XmlObject } from '../protocol/xml.ts';
import type { World } from '../world.ts';
import { callerIdentifiers, trustAllows, type MfaContext } from './trust.ts';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:(.*)\/)?([\w+=,.@-]+)$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;

interface AssumeRequest {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
}

function readAssumeRequest(params: QueryParams): AssumeRequest {
  const roleArn = params.required('RoleArn');
  const sessionName = params.required('RoleSessionName');
  if (sessionName.length < 2) {
    throw constraintViolation(
      'roleSessionName',
      sessionName,
      'Member must have length greater than or equal to 2',
    );
  }
  if (sessionName.length > 64) {
    throw constraintViolation(
      'roleSessionName',
      sessionName,
      'Member must have length less than or equal to 64',
    );
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw constraintViolation(
      'roleSessionName',
      sessionName,
      'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
    );
  }
  const duration = params.int('DurationSeconds') ?? 3600;
  if (duration < 900) {
    throw constraintViolation(
      'durationSeconds',
      String(duration),
      'Member must have value greater than or equal to 900',
    );
  }
  if (duration > 43200) {
    throw constraintViolation(
      'durationSeconds',
      String(duration),
      'Member must have value less than or equal to 43200',
    );
  }
  return { roleArn, sessionName, durationSeconds: duration };
}

/** The role named by an ARN, if it exists (path included when the ARN has one). */
function findRole(world: World, roleArn: string): IamRole | undefined {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw validationError(`Request ARN is invalid`);
  const [, account = '', path, name = ''] = match;
  const role = world.accounts.get(account)?.iam.roles.get(name.toLowerCase());
  if (!role) return undefined;
  if (path !== undefined && role.path !== `/${path}/`) return undefined;
  return role;
}

function issue(world: World, role: IamRole, request: AssumeRequest): XmlObject {
  const now = world.now().getTime();
  const ttl = world.settings.temporaryCredentialsTtlSeconds ?? request.durationSeconds;
  const account = role.arn.split(':')[4] ?? '';
  const session = world.credentials.issueSession({
    account,
    roleName: role.name,
    roleArn: role.arn,
    roleId: role.id,
    sessionName: request.sessionName,
    expiresAt: now + ttl * 1000,
  });
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.id}:${request.sessionName}`,
      Arn: assumedRoleArn(account, role.name, request.sessionName),
    },
    PackedPolicySize: 0,
  };
}

function deviceOf(world: World, account: string, serialNumber: string): MfaDevice | undefined {
  try {
    return findMfaDevice(world.account(account).iam, serialNumber);
  } catch {
    return undefined;
  }
}

const mfaFailed = (detail: string): AwsError => accessDenied(`MultiFactorAuthentication failed${detail}`);

/**
 * MFA of an AssumeRole request: with SerialNumber and TokenCode, the device must be the
 * calling user's (or the root's) and the code one it shows now; then MFA is present, 0 s old.
 */
function mfaContext(world: World, principal: Principal, params: QueryParams): MfaContext {
  const serialNumber = params.string('SerialNumber');
  const tokenCode = params.string('TokenCode');
  if (serialNumber === undefined && tokenCode === undefined)
    return principal.kind === 'assumed-role' ? { present: false } : {};
  if (serialNumber === undefined || tokenCode === undefined)
    throw mfaFailed(', must provide both MFA serial number and one time pass code.');
  if (!/^\d{6}$/.test(tokenCode)) {
    throw constraintViolation(
      'tokenCode',
      tokenCode,
      'Member must satisfy regular expression pattern: [\\d]*',
    );
  }
  if (principal.kind === 'assumed-role') throw mfaFailed(', unable to validate MFA code.');
  const device = deviceOf(world, principal.account, serialNumber);
  const owner = principal.kind === 'user' ? principal.userName.toLowerCase() : undefined;
  if (device === undefined || (owner !== undefined && device.userName.toLowerCase() !== owner))
    throw mfaFailed(', unable to validate MFA code.');
  if (!totpAccepts(device.secret, tokenCode, world.now().getTime()))
    throw mfaFailed(' with invalid MFA one time pass code. ');
  return { present: true, ageSeconds: 0 };
}

function checkDuration(principal: Principal | undefined, role: IamRole, request: AssumeRequest): void {
  if (principal?.kind === 'assumed-role' && request.durationSeconds > 3600) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (request.durationSeconds > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
}

/** Claims of a JWT web identity token, when it is one. */
function tokenClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function assumeRoleWithWebIdentity(ctx: AnonymousContext): XmlObject {
  const request = readAssumeRequest(ctx.params);
  const token = ctx.params.required('WebIdentityToken');
  if (token.length < 4) {
    throw constraintViolation(
      'webIdentityToken',
      token,
      'Member must have length greater than or equal to 4',
    );
  }
  const role = findRole(ctx.world, request.roleArn);
  const denied = new AwsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
  if (!role) throw denied;
  if (ctx.world.settings.checkTrust && !trustAllows(role.trustPolicy, 'sts:AssumeRoleWithWebIdentity', []))
    throw denied;
  checkDuration(undefined, role, request);
  const claims = tokenClaims(token);
  const audience = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  return {
    ...issue(ctx.world, role, request),
    SubjectFromWebIdentityToken: typeof claims.sub === 'string' ? claims.sub : 'web-identity-subject',
    Audience: typeof audience === 'string' ? audience : 'sts.amazonaws.com',
    Provider:
      typeof claims.iss === 'string'
        ? claims.iss.replace(/^https:\/\//, '')
        : 'token.actions.githubusercontent.com',
  };
}

export const stsService: ServiceDefinition = {
  name: 'sts',
  version: '2011-06-15',
  xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    GetCallerIdentity: read(({ principal }) => ({
      UserId: principal.userId,
      Account: principal.account,
      Arn: principal.arn,
    })),
    AssumeRole: read((ctx) => {
      const request = readAssumeRequest(ctx.params);
      const role = findRole(ctx.world, request.roleArn);
      const denied = accessDenied(
        `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${request.roleArn}`,
      );
      if (!role) throw denied;
      const caller = callerIdentifiers(ctx.principal);
      const mfa = mfaContext(ctx.world, ctx.principal, ctx.params);
      if (ctx.world.settings.checkTrust && !trustAllows(role.trustPolicy, 'sts:AssumeRole', caller, mfa))
        throw denied;
      checkDuration(ctx.principal, role, request);
      return issue(ctx.world, role, request);
    }),
    AssumeRoleWithWebIdentity: { auth: 'anonymous', category: 'read', handle: assumeRoleWithWebIdentity },
  },
};
