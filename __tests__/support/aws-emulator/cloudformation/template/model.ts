import type { Json, JsonObject } from '../../util/json.ts';

export interface ParameterDecl {
  type: string;
  default: string | undefined;
  allowedValues: string[] | undefined;
  allowedPattern: string | undefined;
  noEcho: boolean;
  description: string | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  minValue: number | undefined;
  maxValue: number | undefined;
  constraintDescription: string | undefined;
}

export interface ResourceDecl {
  type: string;
  /** Raw (unevaluated) properties. */
  properties: JsonObject;
  condition: string | undefined;
  dependsOn: string[];
  deletionPolicy: string | undefined;
}

export interface OutputDecl {
  value: Json;
  description: Json | undefined;
  exportName: Json | undefined;
  condition: string | undefined;
}

export interface ParsedTemplate {
  body: string;
  formatVersion: string | undefined;
  description: string | undefined;
  transforms: string[];
  metadata: Json | undefined;
  parameters: Map<string, ParameterDecl>;
  mappings: JsonObject;
  conditions: Map<string, Json>;
  resources: Map<string, ResourceDecl>;
  outputs: Map<string, OutputDecl>;
}

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
] as const;

export const isPseudoParameter = (name: string): boolean =>
  (PSEUDO_PARAMETERS as readonly string[]).includes(name);
