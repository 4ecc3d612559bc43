import { expiredToken, invalidClientTokenId } from './errors.ts';
import { accessKeyId, secretAccessKey, sessionToken, type IamIdPrefix } from './util/ids.ts';
import type { Random } from './util/random.ts';

/** Long-term key pair registered through options or the control API. */
export interface StaticKey {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
  /** When set, the key belongs to this IAM user; otherwise to the account root. */
  userName?: string;
}

/** Temporary credentials issued by AssumeRole / AssumeRoleWithWebIdentity. */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  account: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  expiresAt: number;
}

export type Principal =
  | { kind: 'root'; account: string; arn: string; userId: string; accessKeyId: string }
  | { kind: 'user'; account: string; arn: string; userId: string; accessKeyId: string; userName: string }
  | {
      kind: 'assumed-role';
      account: string;
      arn: string;
      userId: string;
      accessKeyId: string;
      session: Session;
    };

export interface CredentialStore {
  addStaticKey(key: StaticKey): void;
  issueSession(input: Omit<Session, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): Session;
  /** Resolves the caller of a signed request, throwing AWS's authentication errors. */
  authenticate(accessKeyId: string, token: string | undefined, now: number): Principal;
  expireSessions(accessKeyId?: string): void;
  staticKeys(): StaticKey[];
}

export function assumedRoleArn(account: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

/** IAM user ids are not tracked for key owners, so derive a stable-looking one from the key. */
function derivedUserId(prefix: IamIdPrefix, key: string): string {
  return (prefix + key.replace(/[^A-Z0-9]/g, '').padEnd(17, 'X')).slice(0, 21);
}

function staticPrincipal(key: StaticKey): Principal {
  if (key.userName === undefined) {
    return {
      kind: 'root',
      account: key.account,
      arn: `arn:aws:iam::${key.account}:root`,
      userId: key.account,
      accessKeyId: key.accessKeyId,
    };
  }
  return {
    kind: 'user',
    account: key.account,
    arn: `arn:aws:iam::${key.account}:user/${key.userName}`,
    userId: derivedUserId('AIDA', key.accessKeyId),
    accessKeyId: key.accessKeyId,
    userName: key.userName,
  };
}

function sessionPrincipal(session: Session): Principal {
  return {
    kind: 'assumed-role',
    account: session.account,
    arn: assumedRoleArn(session.account, session.roleName, session.sessionName),
    userId: `${session.roleId}:${session.sessionName}`,
    accessKeyId: session.accessKeyId,
    session,
  };
}

export function createCredentialStore(rng: Random): CredentialStore {
  const keys = new Map<string, StaticKey>();
  const sessions = new Map<string, Session>();
  return {
    addStaticKey(key) {
      keys.set(key.accessKeyId, key);
    },
    issueSession(input) {
      const session: Session = {
        ...input,
        accessKeyId: accessKeyId(rng, 'ASIA'),
        secretAccessKey: secretAccessKey(rng),
        sessionToken: sessionToken(rng),
      };
      sessions.set(session.accessKeyId, session);
      return session;
    },
    authenticate(id, token, now) {
      const key = keys.get(id);
      if (key) return staticPrincipal(key);
      const session = sessions.get(id);
      if (!session || session.sessionToken !== token) throw invalidClientTokenId();
      if (session.expiresAt <= now) throw expiredToken();
      return sessionPrincipal(session);
    },
    expireSessions(id) {
      for (const session of sessions.values()) {
        if (id === undefined || session.accessKeyId === id) session.expiresAt = 0;
      }
    },
    staticKeys: () => [...keys.values()],
  };
}
