// Shared helpers for the emulator tests: real SDK v3 clients pointed at the emulator.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsEmulator, EmulatorCredentials } from '../support/aws-emulator/index.ts';

export interface Clients {
  iam: IAMClient;
  sts: STSClient;
  cfn: CloudFormationClient;
}

export interface ClientOptions {
  credentials?: EmulatorCredentials;
  maxAttempts?: number;
  region?: string;
}

export function clientsFor(emu: AwsEmulator, options: ClientOptions = {}): Clients {
  const config = {
    endpoint: emu.url,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? emu.masterCredentials,
    maxAttempts: options.maxAttempts ?? 1,
  };
  return { iam: new IAMClient(config), sts: new STSClient(config), cfn: new CloudFormationClient(config) };
}

export function destroyClients(clients: Clients): void {
  clients.iam.destroy();
  clients.sts.destroy();
  clients.cfn.destroy();
}

/** Fast waiter settings: the emulator finishes operations in tens of milliseconds. */
export const FAST_WAITER = { maxWaitTime: 10, minDelay: 0.02, maxDelay: 0.05 } as const;

/** Captures the rejection of a promise so tests can assert on the SDK error's fields. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

export const ROLE_TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Description: Cross-account access role
Parameters:
  TrustedAccount:
    Type: String
    AllowedPattern: '\\d{12}'
  RoleName:
    Type: String
    Default: deployer
  WithPolicy:
    Type: String
    Default: 'yes'
    AllowedValues: ['yes', 'no']
Conditions:
  AddPolicy: !Equals [!Ref WithPolicy, 'yes']
Resources:
  AccessRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleName
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${TrustedAccount}:root' }
            Action: sts:AssumeRole
      Policies:
        - !If
          - AddPolicy
          - PolicyName: read
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: ['s3:GetObject']
                  Resource: '*'
          - !Ref AWS::NoValue
Outputs:
  RoleArn:
    Value: !GetAtt AccessRole.Arn
    Export:
      Name: !Sub '\${AWS::StackName}-RoleArn'
`;
